using System.Globalization;
using FreqScope.Core.Runs;
using ScottPlot;
using SkiaSharp;

namespace FreqScope.Reporting;

/// <summary>
/// The drawing pieces every report's figures share: a styled plot with the plot font, atomic PDF + SVG + PNG (2×)
/// saving, early-to-late viridis colours, log-scale lines and ticks, integer ticks on step and epoch axes, viridis
/// heatmaps with a colorbar, and the layout of probe columns.
/// </summary>
internal static class PlotCanvas
{
    /// <summary>Logical width of every single-plot figure, in pixels (the SVG's and PDF's; the PNG has <see cref="PngScale"/> times as many).</summary>
    public const int Width = 900;

    /// <summary>Logical height of every figure, in pixels (the SVG's and PDF's; the PNG has <see cref="PngScale"/> times as many).</summary>
    public const int Height = 560;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Pixels between a colorbar's tick labels and its label, so that the label clears the tick labels.</summary>
    public const float ColorbarLabelGap = 16;

    /// <summary>The x-axis labels of axes that count (steps, epochs, indices), which <see cref="NewPlot"/> gives integer ticks.</summary>
    private static readonly HashSet<string> IntegerAxisLabels = new(StringComparer.Ordinal)
    {
        "step", "epoch", "gradient-descent step", "eigenvector index k", "member index", "k (DFT index)",
    };

    /// <summary>
    /// A plot with title, axis labels and the plot font at the report's sizes; an x axis that counts (step, epoch,
    /// gradient-descent step, an index) gets integer ticks ≥ 0 (<see cref="UseIntegerTicks"/>).
    /// </summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        PlotFonts.EnsureConfigured();
        Plot plot = new();
        plot.Font.Set(PlotFonts.FontName);
        plot.Legend.FontName = PlotFonts.FontName;
        plot.Legend.FontSize = 13;
        plot.Title(title);
        plot.Axes.Title.Label.FontSize = 18;
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Bottom.Label.FontSize = 16;
        plot.Axes.Left.Label.FontSize = 16;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        if (IntegerAxisLabels.Contains(xLabel))
        {
            UseIntegerTicks(plot.Axes.Bottom);
        }

        return plot;
    }

    /// <summary>The width of one panel of a figure drawn by <see cref="SavePanels"/>.</summary>
    public const int PanelWidth = 620;

    /// <summary>How many PNG pixels a logical pixel of a figure takes along each side (the PNG is twice the logical size).</summary>
    public const int PngScale = 2;

    /// <summary>
    /// Saves <paramref name="plot"/> atomically as <c>NAME.png</c> (<see cref="Width"/> × <see cref="Height"/> logical
    /// pixels at <see cref="PngScale"/>×), <c>NAME.svg</c> and <c>NAME.pdf</c> (both <see cref="Width"/> ×
    /// <see cref="Height"/>, dashes kept); <paramref name="caption"/> is the report's caption of it, so that a
    /// figure's name and caption are written in one place.
    /// </summary>
    public static PlotFile Save(Plot plot, string plotsDir, string name, string title, string caption) =>
        Render(plotsDir, name, title, caption, Width, Height, plot.Render);

    /// <summary>
    /// Saves <paramref name="panels"/> side by side (a ScottPlot <see cref="Multiplot"/> in columns, each
    /// <see cref="PanelWidth"/> × <see cref="Height"/>) atomically as one <c>NAME.png</c>, <c>NAME.svg</c> and
    /// <c>NAME.pdf</c>; a single panel is saved as <see cref="Save"/> does.
    /// </summary>
    public static PlotFile SavePanels(IReadOnlyList<Plot> panels, string plotsDir, string name, string title, string caption)
    {
        ArgumentOutOfRangeException.ThrowIfZero(panels.Count);
        if (panels.Count == 1)
        {
            return Save(panels[0], plotsDir, name, title, caption);
        }

        Multiplot figure = new(panels[0]);
        foreach (Plot panel in panels.Skip(1))
        {
            figure.AddPlot(panel);
        }

        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        return Render(plotsDir, name, title, caption, PanelWidth * panels.Count, Height, figure.Render);
    }

    /// <summary>
    /// Draws a figure of <paramref name="width"/> × <paramref name="height"/> logical pixels three times, onto a PNG
    /// surface at <see cref="PngScale"/>×, Skia's SVG canvas and a one-page PDF document, and writes the three files.
    /// The PNG is drawn first: ScottPlot settles its axis limits and layout on the first render, so that the SVG and
    /// PDF drawn after it are the same for the same data. Skia's SVG and PDF backends both apply a dash path effect
    /// to the path they are given, so dashed and dotted lines stay dashed (in the SVG as filled, segmented paths).
    /// The SVG's generated ids are renumbered per document (<see cref="SvgIds"/>); the PDF's metadata holds only the title and fixed creator and producer (no dates), so it is reproducible.
    /// </summary>
    private static PlotFile Render(string plotsDir, string name, string title, string caption, int width, int height, Action<SKCanvas, PixelRect> draw)
    {
        PixelRect rect = new(0, width, height, 0);
        byte[] png;
        using (SKSurface surface = SKSurface.Create(new SKImageInfo(width * PngScale, height * PngScale, SKColorType.Rgba8888, SKAlphaType.Premul)))
        {
            surface.Canvas.Clear(SKColors.White);
            surface.Canvas.Scale(PngScale);
            draw(surface.Canvas, rect);
            using SKImage image = surface.Snapshot();
            using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
            png = data.ToArray();
        }

        byte[] svg;
        using (MemoryStream stream = new())
        {
            using (SKCanvas canvas = SKSvgCanvas.Create(SKRect.Create(width, height), stream))
            {
                draw(canvas, rect);
            }

            svg = SvgIds.Renumber(stream.ToArray());
        }

        byte[] pdf;
        using (MemoryStream stream = new())
        {
            SKDocumentPdfMetadata metadata = new()
            {
                Title = title,
                Creator = "FreqScope",
                Producer = "FreqScope",
                Creation = null,
                Modified = null,
            };
            using (SKDocument document = SKDocument.CreatePdf(stream, metadata))
            {
                SKCanvas page = document.BeginPage(width, height);
                draw(page, rect);
                document.EndPage();
                document.Close();
            }

            pdf = stream.ToArray();
        }

        return WriteFiles(plotsDir, name, title, caption, png, svg, pdf, width, height);
    }

    /// <summary>Draws each figure in turn and returns those written (a figure returns null when the run lacks its data), in that order.</summary>
    public static IReadOnlyList<PlotFile> WriteFigures<TRun>(TRun run, string plotsDir, IReadOnlyList<Func<TRun, string, PlotFile?>> figures)
    {
        List<PlotFile> written = [];
        foreach (var figure in figures)
        {
            if (figure(run, plotsDir) is { } file) written.Add(file);
        }

        return written;
    }

    /// <summary>Red open circles at the target's spectral peaks, each labelled above, the first one in the legend as "target peak".</summary>
    public static void AddPeakMarkers(Plot plot, IEnumerable<(double X, double Y, string Label)> peaks)
    {
        bool first = true;
        foreach (var (x, y, text) in peaks)
        {
            var marker = plot.Add.Marker(x, y, MarkerShape.OpenCircle, 16, Colors.Red);
            marker.MarkerLineWidth = 2;
            if (first)
            {
                marker.LegendText = "target peak";
                first = false;
            }

            var label = plot.Add.Text(text, x, y);
            label.LabelFontName = PlotFonts.FontName;
            label.LabelFontSize = 13;
            label.LabelFontColor = Colors.Red;
            label.LabelAlignment = Alignment.LowerCenter;
            label.OffsetY = -12;
        }
    }

    /// <summary>
    /// Curve <paramref name="i"/> of <paramref name="count"/> on the perceptually uniform viridis map: early dark
    /// purple, late green-yellow (the light yellow end is left out so that the last curve shows on white), which reads
    /// as time without a colorbar.
    /// </summary>
    public static Color StepColor(int i, int count)
    {
        double fraction = count <= 1 ? 1.0 : i / (double)(count - 1);
        return new LineColormap().GetColor(fraction);
    }

    /// <summary>At most <paramref name="max"/> items spread evenly over <paramref name="items"/>, first and last included.</summary>
    public static T[] SpreadEvenly<T>(T[] items, int max)
    {
        if (items.Length <= max)
        {
            return items;
        }

        return [.. Enumerable.Range(0, max).Select(i => (int)Math.Round(i * (items.Length - 1) / (double)(max - 1))).Distinct().Select(i => items[i])];
    }

    /// <summary>
    /// A line through (x, log10 y), or (log10 x, log10 y) with <paramref name="logX"/>, leaving out points whose
    /// logarithm is undefined (non-positive or non-finite); null (nothing drawn) when none is left.
    /// </summary>
    public static ScottPlot.Plottables.Scatter? AddLogLine(Plot plot, IEnumerable<(double X, double Y)> points, string legend, Color color, bool logX = false)
    {
        (double X, double Y)[] kept = [.. points.Where(p => p.Y > 0 && double.IsFinite(p.Y) && (!logX || (p.X > 0 && double.IsFinite(p.X))))];
        if (kept.Length == 0)
        {
            return null;
        }

        var line = plot.Add.ScatterLine(kept.Select(p => logX ? Math.Log10(p.X) : p.X).ToArray(), kept.Select(p => Math.Log10(p.Y)).ToArray());
        line.Color = color;
        line.LineWidth = 2;
        line.LegendText = legend;
        return line;
    }

    /// <summary>Labels the left axis, which holds log10 values, with powers of ten and log-spaced minor ticks.</summary>
    public static void UseLogTicks(Plot plot) => UseLogTicks(plot.Axes.Left);

    /// <summary>
    /// Labels <paramref name="axis"/>, which holds log10 values, through <see cref="LogTickGenerator"/>: a labelled
    /// power of ten at every decade with minor ticks between, or labelled 1-2-5 ticks when under two decades are in view.
    /// </summary>
    public static void UseLogTicks(IAxis axis) => axis.TickGenerator = new LogTickGenerator();

    /// <summary>Labels <paramref name="axis"/>, which counts (steps, epochs, indices), at integers ≥ 0 only.</summary>
    public static void UseIntegerTicks(IAxis axis) => axis.TickGenerator = new IntegerTickGenerator();

    /// <summary>A dotted black horizontal line at <paramref name="y"/> (a threshold or tolerance) with a legend entry.</summary>
    public static void AddThresholdLine(Plot plot, double y, string legend)
    {
        var line = plot.Add.HorizontalLine(y);
        line.Color = Colors.Black;
        line.LineWidth = 1.5f;
        line.LinePattern = LinePattern.Dotted;
        line.LegendText = legend;
    }

    /// <summary>
    /// Where the columns of a heatmap over probe positions (steps or epochs) go: at their value when evenly spaced,
    /// else at their index (then the returned ticks label up to 8 of them with their value).
    /// </summary>
    public static (double Left, double Right, ScottPlot.TickGenerators.NumericManual? Ticks) ColumnLayout(long[] positions)
    {
        bool uniform = positions.Length >= 2
            && positions.Zip(positions.Skip(1), (a, b) => b - a).Distinct().Count() == 1
            && positions[1] > positions[0];
        if (uniform)
        {
            double spacing = positions[1] - positions[0];
            return (positions[0] - (spacing / 2), positions[^1] + (spacing / 2), null);
        }

        ScottPlot.TickGenerators.NumericManual ticks = new();
        foreach (int i in SpreadEvenly([.. Enumerable.Range(0, positions.Length)], 8))
        {
            ticks.AddMajor(i, TickLabel(positions[i]));
        }

        return (-0.5, positions.Length - 0.5, ticks);
    }

    /// <summary>A column's tick label: the number as is below 100 000, otherwise in short scientific form (1.7e6), so that labels of a log-spaced axis do not run into each other.</summary>
    public static string TickLabel(long position) =>
        Math.Abs(position) < 100_000 ? position.ToString(Invariant) : position.ToString("0.#e0", Invariant);

    /// <summary>
    /// Adds a viridis (perceptually uniform) heatmap of <paramref name="values"/> (row 0 at the bottom, NaN light grey) over
    /// <paramref name="rect"/> with the colour range <paramref name="range"/> and a labelled colorbar with
    /// <paramref name="colorTicks"/> (null: automatic ticks), its label <see cref="ColorbarLabelGap"/> clear of the tick labels.
    /// </summary>
    public static void AddHeatmap(Plot plot, double[,] values, CoordinateRect rect, ScottPlot.Range range, string colorbarLabel, ScottPlot.TickGenerators.NumericManual? colorTicks)
    {
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = range;
        heatmap.FlipVertically = true; // row 0 (lowest k) at the bottom
        heatmap.NaNCellColor = Colors.LightGray;
        heatmap.Rectangle = rect;

        AddColorbar(plot, heatmap, colorbarLabel, colorTicks);
    }

    /// <summary>
    /// A colorbar of <paramref name="source"/> on the right, labelled <paramref name="label"/> in the plot font with
    /// <paramref name="ticks"/> (null: automatic ticks), its label <see cref="ColorbarLabelGap"/> clear of the tick labels.
    /// </summary>
    public static void AddColorbar(Plot plot, IHasColorAxis source, string label, ScottPlot.ITickGenerator? ticks)
    {
        var colorbar = plot.Add.ColorBar(source);
        colorbar.Label = label;
        colorbar.LabelStyle.FontSize = 15;
        colorbar.LabelStyle.FontName = PlotFonts.FontName;
        colorbar.Axis.TickLabelStyle.FontName = PlotFonts.FontName;
        colorbar.Axis.TickLabelStyle.FontSize = 13;
        if (colorbar.Axis is ScottPlot.AxisPanels.AxisBase axis)
        {
            // The colorbar sizes its axis from a guess at the tick labels' width; without room the label is drawn over them.
            axis.PaddingBetweenTickAndAxisLabels = new PixelPadding(ColorbarLabelGap, ColorbarLabelGap, ColorbarLabelGap, ColorbarLabelGap);
        }

        if (ticks is not null)
        {
            colorbar.Axis.TickGenerator = ticks;
        }
    }

    /// <summary>
    /// A heatmap plot over (row, probe column): columns laid out by <see cref="ColumnLayout"/> (labelled with their
    /// probe position), rows at their row number (row 0 at the bottom) labelled by <paramref name="rowLabels"/> (at
    /// most 16 labels), colours over <paramref name="range"/> with a labelled colorbar.
    /// </summary>
    public static Plot DrawHeatmap(
        double[,] values,
        long[] columns,
        string title,
        string xLabel,
        string yLabel,
        string[] rowLabels,
        ScottPlot.Range range,
        string colorbarLabel,
        ScottPlot.TickGenerators.NumericManual? colorTicks)
    {
        Plot plot = NewPlot(title, xLabel, yLabel);
        (double left, double right, ScottPlot.TickGenerators.NumericManual? xTicks) = ColumnLayout(columns);
        double bottom = -0.5;
        double top = rowLabels.Length - 0.5;
        AddHeatmap(plot, values, new CoordinateRect(left, right, bottom, top), range, colorbarLabel, colorTicks);
        if (xTicks is not null)
        {
            plot.Axes.Bottom.TickGenerator = xTicks;
        }

        ScottPlot.TickGenerators.NumericManual yTicks = new();
        int stride = Math.Max(1, (int)Math.Ceiling(rowLabels.Length / 16.0));
        for (int r = 0; r < rowLabels.Length; r += stride)
        {
            yTicks.AddMajor(r, rowLabels[r]);
        }

        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.SetLimits(left, right, bottom, top);
        return plot;
    }

    /// <summary>Colorbar ticks 0, 0.2, …, 0.8, "≥ 1" for Δ_F clipped to [0, 1].</summary>
    public static ScottPlot.TickGenerators.NumericManual UnitIntervalTicks()
    {
        ScottPlot.TickGenerators.NumericManual colorTicks = new();
        for (int i = 0; i <= 5; i++)
        {
            colorTicks.AddMajor(i / 5.0, i == 5 ? "≥ 1" : (i / 5.0).ToString("0.0", Invariant));
        }

        return colorTicks;
    }

    private static PlotFile WriteFiles(string plotsDir, string name, string title, string caption, byte[] png, byte[] svg, byte[] pdf, int width, int height)
    {
        Directory.CreateDirectory(plotsDir);
        string pngPath = Path.GetFullPath(Path.Combine(plotsDir, name + ".png"));
        string svgPath = Path.GetFullPath(Path.Combine(plotsDir, name + ".svg"));
        string pdfPath = Path.GetFullPath(Path.Combine(plotsDir, name + ".pdf"));
        AtomicFile.WriteAllBytes(pngPath, png);
        AtomicFile.WriteAllBytes(svgPath, svg);
        AtomicFile.WriteAllBytes(pdfPath, pdf);
        return new PlotFile(name, title, caption, pngPath, svgPath, pdfPath, width, height);
    }

    /// <summary>Formats a log10 tick position as a power of ten, e.g. −3 → 10⁻³.</summary>
    /// <param name="exponent">The tick position (an integer for major ticks).</param>
    /// <returns>The label.</returns>
    public static string PowerOfTen(double exponent)
    {
        long e = (long)Math.Round(exponent);
        const string superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        string digits = string.Concat(Math.Abs(e).ToString(Invariant).Select(c => superscripts[c - '0']));
        return "10" + (e < 0 ? "⁻" : string.Empty) + digits;
    }
}
