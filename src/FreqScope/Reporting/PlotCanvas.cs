using System.Globalization;
using System.Text;
using FreqScope.Core.Runs;
using ScottPlot;
using SkiaSharp;

namespace FreqScope.Reporting;

/// <summary>
/// The drawing pieces every report's figures share: a styled plot with the plot font, atomic PNG + SVG saving,
/// early-to-late colours, log-scale lines and ticks, heatmaps with a colorbar, and the layout of probe columns.
/// </summary>
internal static class PlotCanvas
{
    /// <summary>Width of every figure, in pixels.</summary>
    public const int Width = 900;

    /// <summary>Height of every figure, in pixels.</summary>
    public const int Height = 560;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A plot with title, axis labels and the plot font at the report's sizes.</summary>
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
        return plot;
    }

    /// <summary>The width of one panel of a figure drawn by <see cref="SavePanels"/>.</summary>
    public const int PanelWidth = 620;

    /// <summary>
    /// Saves <paramref name="plot"/> atomically as <c>NAME.png</c> and <c>NAME.svg</c> (<see cref="Width"/> ×
    /// <see cref="Height"/>); <paramref name="caption"/> is the report's caption of it, so that a figure's name and
    /// caption are written in one place.
    /// </summary>
    public static PlotFile Save(Plot plot, string plotsDir, string name, string title, string caption) => WriteFiles(
        plotsDir,
        name,
        title,
        caption,
        plot.GetImageBytes(Width, Height, ImageFormat.Png),
        WithSolidLines([plot], () => plot.GetSvgXml(Width, Height)),
        Width,
        Height);

    /// <summary>
    /// Saves <paramref name="panels"/> side by side (a ScottPlot <see cref="Multiplot"/> in columns, each
    /// <see cref="PanelWidth"/> × <see cref="Height"/>) atomically as one <c>NAME.png</c> and one
    /// <c>NAME.svg</c>; a single panel is saved as <see cref="Save"/> does.
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
        int width = PanelWidth * panels.Count;
        int height = Height;
        PixelRect rect = new(0, width, height, 0);

        byte[] png;
        using (SKSurface surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul)))
        {
            figure.Render(surface.Canvas, rect);
            using SKImage image = surface.Snapshot();
            using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
            png = data.ToArray();
        }

        string svgXml = WithSolidLines(panels, () =>
        {
            using MemoryStream svg = new();
            using (SKCanvas canvas = SKSvgCanvas.Create(SKRect.Create(width, height), svg))
            {
                figure.Render(canvas, rect);
            }

            return Encoding.UTF8.GetString(svg.ToArray());
        });
        return WriteFiles(plotsDir, name, title, caption, png, svgXml, width, height);
    }

    /// <summary>
    /// Runs <paramref name="render"/> with every dashed or dotted line of <paramref name="plots"/> drawn solid, then
    /// restores the patterns. Skia's SVG backend cannot express dash path effects: it drops them and prints
    /// "Unsupported path effect in addPaint." on stderr for each, so the SVG would be solid anyway.
    /// </summary>
    private static string WithSolidLines(IEnumerable<Plot> plots, Func<string> render)
    {
        var changed = new List<(LineStyle Style, LinePattern Pattern)>();
        foreach (var plot in plots)
        {
            foreach (var plottable in plot.GetPlottables())
            {
                if (plottable is IHasLine { LineStyle: var style } && style.Pattern.Name != LinePattern.Solid.Name)
                {
                    changed.Add((style, style.Pattern));
                    style.Pattern = LinePattern.Solid;
                }
            }
        }

        try
        {
            return render();
        }
        finally
        {
            foreach (var (style, pattern) in changed) style.Pattern = pattern;
        }
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

    /// <summary>Curve <paramref name="i"/> of <paramref name="count"/>: early light blue, late dark red (reads as time without a colorbar).</summary>
    public static Color StepColor(int i, int count)
    {
        double fraction = count <= 1 ? 1.0 : i / (double)(count - 1);
        return new ScottPlot.Colormaps.Turbo().GetColor(0.1 + (0.85 * fraction));
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

    /// <summary>Labels <paramref name="axis"/>, which holds log10 values, with powers of ten and log-spaced minor ticks.</summary>
    public static void UseLogTicks(IAxis axis)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = PowerOfTen,
        };
    }

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
    /// Adds a Turbo heatmap of <paramref name="values"/> (row 0 at the bottom, NaN light grey) over
    /// <paramref name="rect"/> with the colour range <paramref name="range"/> and a labelled colorbar with
    /// <paramref name="colorTicks"/> (null: automatic ticks).
    /// </summary>
    public static void AddHeatmap(Plot plot, double[,] values, CoordinateRect rect, ScottPlot.Range range, string colorbarLabel, ScottPlot.TickGenerators.NumericManual? colorTicks)
    {
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Turbo();
        heatmap.ManualRange = range;
        heatmap.FlipVertically = true; // row 0 (lowest k) at the bottom
        heatmap.NaNCellColor = Colors.LightGray;
        heatmap.Rectangle = rect;

        var colorbar = plot.Add.ColorBar(heatmap);
        colorbar.Label = colorbarLabel;
        colorbar.LabelStyle.FontSize = 15;
        colorbar.LabelStyle.FontName = PlotFonts.FontName;
        colorbar.Axis.TickLabelStyle.FontName = PlotFonts.FontName;
        colorbar.Axis.TickLabelStyle.FontSize = 13;
        if (colorTicks is not null)
        {
            colorbar.Axis.TickGenerator = colorTicks;
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

    private static PlotFile WriteFiles(string plotsDir, string name, string title, string caption, byte[] png, string svg, int width, int height)
    {
        Directory.CreateDirectory(plotsDir);
        string pngPath = Path.GetFullPath(Path.Combine(plotsDir, name + ".png"));
        string svgPath = Path.GetFullPath(Path.Combine(plotsDir, name + ".svg"));
        AtomicFile.WriteAllBytes(pngPath, png);
        AtomicFile.WriteAllText(svgPath, svg);
        return new PlotFile(name, title, caption, pngPath, svgPath, width, height);
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
