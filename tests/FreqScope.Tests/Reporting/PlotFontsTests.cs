using FreqScope.Reporting;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Reporting;

[Collection(TorchCollection.Name)]
public sealed class PlotFontsTests
{
    [Fact]
    public void EmbeddedFallbackFontIsExtractedAsAValidTrueTypeFile()
    {
        var cache = RepoPaths.NewTempDirectory("freqscope-font-cache");
        var saved = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", cache);
            var path = PlotFonts.ExtractEmbedded();
            Assert.Equal(Path.Combine(cache, "freqscope", "fonts", "DejaVuSans.ttf"), path);
            var bytes = File.ReadAllBytes(path!);
            Assert.Equal(new byte[] { 0, 1, 0, 0 }, bytes[..4]); // TrueType sfnt version 1.0
            var source = Path.Combine(RepoPaths.Root, "src", "FreqScope", "Reporting", "Fonts", "DejaVuSans.ttf");
            Assert.Equal(File.ReadAllBytes(source), bytes);
            using var typeface = SkiaSharp.SKTypeface.FromFile(path);
            Assert.Equal("DejaVu Sans", typeface.FamilyName);
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", saved);
            Directory.Delete(cache, true);
        }
    }
}
