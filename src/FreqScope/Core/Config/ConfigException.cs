namespace FreqScope.Core.Config;

/// <summary>
/// A configuration that cannot be read or is invalid. The message is <c>"{Source}: {JsonPath}: {problem}"</c>, for
/// example <c>config.json: $.training.learningRate: -0.1 is out of range; expected a number &gt; 0</c>.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Where the config came from: a file path, or a name given by the caller. (Hides <see cref="Exception.Source"/>.)</summary>
    public new string Source { get; }

    /// <summary>JSONPath of the offending value, e.g. <c>$.model.hidden[2]</c>; <c>$</c> for the whole document.</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong, without source and path.</summary>
    public string Problem { get; }

    /// <summary>Creates the exception; the message is <c>"{source}: {jsonPath}: {problem}"</c>.</summary>
    public ConfigException(string source, string jsonPath, string problem, Exception? inner = null)
        : base($"{source}: {jsonPath}: {problem}", inner)
    {
        Source = source;
        JsonPath = jsonPath;
        Problem = problem;
    }
}
