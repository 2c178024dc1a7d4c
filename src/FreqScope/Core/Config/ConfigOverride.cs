namespace FreqScope.Core.Config;

/// <summary>
/// One value set on a config from outside its file, as Hydra's overrides do: the dotted <see cref="Path"/> (missing
/// objects are created) gets <see cref="Value"/>, parsed as JSON, or taken as a string when it is not JSON.
/// <see cref="Label"/> is how it was given (<c>--set training.steps=200</c>, <c>--steps 200</c>), for messages and
/// the run's manifest.
/// </summary>
/// <param name="Path">Keys joined by '.', e.g. <c>training.steps</c>.</param>
/// <param name="Value">The value's text.</param>
/// <param name="Label">How the override was given.</param>
public sealed record ConfigOverride(string Path, string Value, string Label)
{
    /// <summary>The override of a <c>--set a.b=c</c> assignment.</summary>
    /// <exception cref="ArgumentException">The assignment has no '=' or its path is not keys joined by '.'.</exception>
    public static ConfigOverride Parse(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new ArgumentException($"--set \"{assignment}\": expected KEY=VALUE with KEY a dotted path, e.g. --set training.steps=200");
        var path = assignment[..eq];
        if (path.Split('.').Any(k => k.Length == 0))
            throw new ArgumentException($"--set \"{assignment}\": \"{path}\" is not a dotted path; expected keys joined by '.', e.g. training.steps");
        return new ConfigOverride(path, assignment[(eq + 1)..], "--set " + assignment);
    }

    /// <summary>As recorded in a manifest: <c>path=value</c>.</summary>
    public override string ToString() => $"{Path}={Value}";
}
