namespace FreqScope.Native;

/// <summary>Raised when libtorch or LibTorchSharp cannot be loaded; the message lists everything that was tried.</summary>
public sealed class NativeLoadException : Exception
{
    public IReadOnlyList<string> Tried { get; }

    public NativeLoadException(string message, IReadOnlyList<string> tried, Exception? inner = null)
        : base(Format(message, tried), inner)
    {
        Tried = tried;
    }

    private static string Format(string message, IReadOnlyList<string> tried) =>
        tried.Count == 0 ? message : message + Environment.NewLine + "Tried:" + Environment.NewLine
            + string.Join(Environment.NewLine, tried.Select(t => "  - " + t));
}
