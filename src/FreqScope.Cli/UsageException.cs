namespace FreqScope.Cli;

/// <summary>A bad command-line argument; the message names the value and what was expected.</summary>
public sealed class UsageException(string message) : Exception(message);
