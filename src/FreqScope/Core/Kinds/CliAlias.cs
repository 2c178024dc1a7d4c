using FreqScope.Core.Config;

namespace FreqScope.Core.Kinds;

/// <summary>
/// A command-line option a kind accepts as a short form of overrides (<c>--steps 200</c> for
/// <c>--set training.steps=200</c>): <see cref="Expand"/> turns the option's value into the overrides it stands for,
/// given the config it applies to (read with the <c>--set</c> overrides), or refuses the value with an
/// <see cref="ArgumentException"/> whose message is meant for the user.
/// </summary>
/// <param name="Option">The option, e.g. <c>--steps</c>.</param>
/// <param name="Description">What it sets, for help and messages (e.g. <c>sets training.steps</c>).</param>
/// <param name="Expand">The overrides for a value of the option, given the config before them.</param>
public sealed record CliAlias(string Option, string Description, Func<string, IExperimentConfig, IReadOnlyList<ConfigOverride>> Expand)
{
    /// <summary>An alias that sets <paramref name="path"/> to the option's value.</summary>
    public static CliAlias For(string option, string path) =>
        new(option, $"sets {path}", (value, _) => [new ConfigOverride(path, value, $"{option} {value}")]);
}
