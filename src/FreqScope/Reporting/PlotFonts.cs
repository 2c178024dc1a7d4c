using FreqScope.Core.Runs;

namespace FreqScope.Reporting;

/// <summary>
/// Makes plot text render on machines without fontconfig or system fonts. ScottPlot asks SkiaSharp for a system
/// font by family name; with no fonts installed that yields an empty typeface and every label is blank. When a
/// DejaVu Sans TTF file is found (Debian/Ubuntu package <c>fonts-dejavu-core</c>, or the file named by the
/// <c>FREQSCOPE_FONT</c> environment variable), it is registered with ScottPlot by file path under the family name
/// <c>DejaVu Sans</c>, so rendering no longer depends on fontconfig, and made ScottPlot's default font.
/// Where neither exists, the DejaVu Sans file embedded in this assembly is extracted once to
/// <c>~/.cache/freqscope/fonts/</c> (or <c>$XDG_CACHE_HOME/freqscope/fonts/</c>) and used, so plots always have text.
/// </summary>
public static class PlotFonts
{
    /// <summary>The environment variable that may name a TTF file to use for all plot text.</summary>
    public const string FontEnvironmentVariable = "FREQSCOPE_FONT";

    /// <summary>The family name plots use when a font file was found.</summary>
    public const string FamilyName = "DejaVu Sans";

    private static readonly string[] RegularCandidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", // Debian, Ubuntu (fonts-dejavu-core)
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", // Fedora
        "/usr/share/fonts/dejavu/DejaVuSans.ttf", // older Fedora, Alpine
        "/usr/share/fonts/TTF/DejaVuSans.ttf", // Arch
        "/Library/Fonts/DejaVuSans.ttf",
    ];

    private static readonly Lazy<string?> Configured = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The TTF file registered for plot text, or null when none was found (then ScottPlot's system default is
    /// used, which renders no text on a machine without fonts). Reading this property performs the one-time setup.
    /// </summary>
    public static string? FontFile => Configured.Value;

    /// <summary>The font family name to use for plot text: <see cref="FamilyName"/> or ScottPlot's default.</summary>
    public static string FontName => EnsureConfigured() ? FamilyName : ScottPlot.Fonts.Default;

    /// <summary>Performs the one-time font registration (thread-safe, idempotent).</summary>
    /// <returns>True when a font file was registered.</returns>
    public static bool EnsureConfigured() => Configured.Value is not null;

    private static string? Configure()
    {
        string? regular = FindRegular();
        if (regular is null)
        {
            return null;
        }

        string bold = Path.Combine(Path.GetDirectoryName(regular) ?? string.Empty, "DejaVuSans-Bold.ttf");
        if (!File.Exists(bold) || Environment.GetEnvironmentVariable(FontEnvironmentVariable) is { Length: > 0 })
        {
            bold = regular;
        }

        // Every weight/slant ScottPlot may ask for resolves to a file, so no request falls through to the system.
        ScottPlot.Fonts.AddFontFile(FamilyName, regular, bold: false, italic: false);
        ScottPlot.Fonts.AddFontFile(FamilyName, bold, bold: true, italic: false);
        ScottPlot.Fonts.AddFontFile(FamilyName, regular, bold: false, italic: true);
        ScottPlot.Fonts.AddFontFile(FamilyName, bold, bold: true, italic: true);
        ScottPlot.Fonts.Default = FamilyName;
        ScottPlot.Fonts.Sans = FamilyName;
        return regular;
    }

    private static string? FindRegular()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(FontEnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        return RegularCandidates.FirstOrDefault(File.Exists) ?? ExtractEmbedded();
    }

    /// <summary>Writes the embedded DejaVuSans.ttf to the user's cache (atomically, once) and returns its path.</summary>
    internal static string? ExtractEmbedded()
    {
        using var stream = typeof(PlotFonts).Assembly.GetManifestResourceStream("FreqScope.Fonts.DejaVuSans.ttf");
        if (stream is null) return null;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var path = Path.Combine(root, "freqscope", "fonts", "DejaVuSans.ttf");
        try
        {
            if (File.Exists(path) && new FileInfo(path).Length == stream.Length) return path;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            AtomicFile.WriteAllBytes(path, buffer.ToArray());
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
