using FreqScope.Core.Config;

namespace FreqScope.Experiments.ImageFit;

/// <summary>
/// The image an image-fit run fits: <c>"generated"</c> (<see cref="FreqScope.Data.GeneratedImage"/>, <see cref="Size"/>
/// pixels square) or <c>"pgm"</c> (a binary P5 8-bit PGM at <see cref="Path"/>, relative to the config file's folder;
/// a run stores it absolute in its config.json).
/// </summary>
[Variants("source")]
public sealed record ImageSourceConfig
{
    /// <summary>The generated image.</summary>
    public const string Generated = "generated";

    /// <summary>A PGM file.</summary>
    public const string Pgm = "pgm";

    /// <summary>Largest generated image side.</summary>
    public const int MaxSize = 512;

    /// <summary><see cref="Generated"/> or <see cref="Pgm"/>. Default generated.</summary>
    [OneOf(Generated, Pgm)]
    public string Source { get; init; } = Generated;

    /// <summary>Generated only: the side S, 8 to 512. Default 64; 0 for a PGM.</summary>
    [Variant(Generated, Note = " (a PGM has its own size)")]
    [Range(8, MaxSize)]
    public int Size { get; init; } = 64;

    /// <summary>PGM only: the file; null for the generated image.</summary>
    [Variant(Pgm, Required = true)]
    [Missing("a pgm image needs its file")]
    [NonEmpty("a non-empty file path", Blank = true)]
    public string? Path { get; init; }
}
