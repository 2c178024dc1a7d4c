namespace FreqScope.Experiments;

/// <summary>
/// The image an image-fit run fits: <c>"generated"</c> (<see cref="FreqScope.Data.GeneratedImage"/>, <see cref="Size"/>
/// pixels square) or <c>"pgm"</c> (a binary P5 8-bit PGM at <see cref="Path"/>, relative to the config file's folder;
/// a run stores it absolute in its config.json).
/// </summary>
public sealed record ImageSourceConfig
{
    /// <summary>The generated image.</summary>
    public const string Generated = "generated";

    /// <summary>A PGM file.</summary>
    public const string Pgm = "pgm";

    /// <summary><see cref="Generated"/> or <see cref="Pgm"/>. Default generated.</summary>
    public string Source { get; init; } = Generated;

    /// <summary>Generated only: the side S, 8 to 512. Default 64; 0 for a PGM.</summary>
    public int Size { get; init; } = 64;

    /// <summary>PGM only: the file; null for the generated image.</summary>
    public string? Path { get; init; }
}
