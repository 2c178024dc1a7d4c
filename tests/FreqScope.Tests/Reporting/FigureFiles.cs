using System.Buffers.Binary;
using System.Text;
using System.Xml.Linq;
using FreqScope.Core.Runs;
using FreqScope.Reporting;

namespace FreqScope.Tests.Reporting;

/// <summary>Checks of the three files of a figure: a PDF, an SVG that parses and a PNG at twice the logical size.</summary>
internal static class FigureFiles
{
    /// <summary>Asserts that <paramref name="plot"/>'s PDF, SVG and PNG exist and are valid, at the figure's size.</summary>
    public static void AssertValid(PlotFile plot)
    {
        Assert.Equal(Path.ChangeExtension(plot.PngPath, ".pdf"), plot.PdfPath);
        Assert.Equal(Path.ChangeExtension(plot.PngPath, ".svg"), plot.SvgPath);

        byte[] pdf = File.ReadAllBytes(plot.PdfPath);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.EndsWith("%%EOF", Encoding.ASCII.GetString(pdf, pdf.Length - 16, 16).TrimEnd());
        Assert.DoesNotContain("/CreationDate", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);

        XElement svg = XDocument.Load(plot.SvgPath).Root!;
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal(plot.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), svg.Attribute("width")!.Value);
        Assert.Equal(plot.Height.ToString(System.Globalization.CultureInfo.InvariantCulture), svg.Attribute("height")!.Value);

        byte[] png = File.ReadAllBytes(plot.PngPath);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(
            (PlotCanvas.PngScale * plot.Width, PlotCanvas.PngScale * plot.Height),
            (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4))));
        Assert.Equal(2, PlotCanvas.PngScale);
    }

    /// <summary>
    /// The filled paths of <paramref name="svgPath"/> made of at least <paramref name="segments"/> separate closed
    /// pieces: how Skia's SVG backend writes a dashed or dotted line (each dash a small filled outline), where a solid
    /// line is one stroked path.
    /// </summary>
    public static int SegmentedPaths(string svgPath, int segments = 8) => XDocument.Load(svgPath).Descendants()
        .Where(e => e.Name.LocalName == "path")
        .Where(e => e.Attribute("fill")?.Value is { } fill && fill != "none")
        .Count(e => (e.Attribute("d")?.Value ?? string.Empty).Count(c => c == 'M') >= segments);

    /// <summary>Every file of every figure of <paramref name="result"/>, by path, with its bytes.</summary>
    public static Dictionary<string, byte[]> Bytes(ReportResult result) =>
        result.Plots.SelectMany(p => new[] { p.PdfPath, p.SvgPath, p.PngPath }).ToDictionary(p => p, File.ReadAllBytes);
}
