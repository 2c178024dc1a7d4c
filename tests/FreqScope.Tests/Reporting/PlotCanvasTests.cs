using System.Text;
using FreqScope.Reporting;
using ScottPlot;

namespace FreqScope.Tests.Reporting;

public sealed class PlotCanvasTests
{
    [Theory]
    [InlineData(0L, "0")]
    [InlineData(99_999L, "99999")]
    [InlineData(100_000L, "1e5")]
    [InlineData(1_726_080L, "1.7e6")]
    [InlineData(13_845_295L, "1.4e7")]
    public void ColumnTickLabelsAreShortForLargeIterations(long position, string label) =>
        Assert.Equal(label, PlotCanvas.TickLabel(position));

    [Theory]
    [InlineData(-6.3, 0.2)] // six decades
    [InlineData(-0.5, 1.5)] // two decades
    [InlineData(-2.9, -2.1)] // under a decade, no power of ten inside
    [InlineData(0.1, 0.2)] // a sliver of a decade
    [InlineData(-20.0, 3.0)] // many decades
    [InlineData(1.0, 1.0)] // a single value
    public void LogTicks_EveryLogAxisHasAtLeastTwoLabelledTicksInView(double low, double high)
    {
        Tick[] ticks = LogTickGenerator.Generate(low, high);
        Tick[] labelled = [.. ticks.Where(t => t.IsMajor && t.Label.Length > 0)];
        double lo = Math.Min(low, high - 1e-9 < low ? low - 0.5 : low), hi = high - low < 1e-9 ? high + 0.5 : high;
        Assert.True(labelled.Length >= 2, $"{labelled.Length} labelled ticks over [{low}, {high}]");
        Assert.All(ticks, t => Assert.InRange(t.Position, lo - 1e-6, hi + 1e-6));
        Assert.Equal(labelled.Length, labelled.Select(t => t.Label).Distinct().Count());
    }

    [Fact]
    public void LogTicks_LabelEveryDecadeWithMinorTicksBetween()
    {
        Tick[] ticks = LogTickGenerator.Generate(-3.2, 0.4);
        Assert.Equal(["10⁻³", "10⁻²", "10⁻¹", "10⁰"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Contains(ticks, t => !t.IsMajor && Math.Abs(t.Position - Math.Log10(0.02)) < 1e-12);
    }

    [Fact]
    public void LogTicks_UnderADecadeLabelOneTwoFive()
    {
        Tick[] ticks = LogTickGenerator.Generate(Math.Log10(0.15), Math.Log10(6));
        Assert.Equal(["0.2", "0.5", "1", "2", "5"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Equal(["1.3", "1.4", "1.5"], LogTickGenerator.Generate(0.1, 0.2).Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Equal(["0.2", "0.3", "0.4", "0.5", "0.6", "0.7"], LogTickGenerator.Generate(Math.Log10(0.2), Math.Log10(0.7)).Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Equal(["2×10⁻⁵", "3×10⁻⁵", "4×10⁻⁵", "5×10⁻⁵", "6×10⁻⁵"], LogTickGenerator.Generate(Math.Log10(1.5e-5), Math.Log10(6e-5)).Where(t => t.IsMajor).Select(t => t.Label));
    }

    [Theory]
    [InlineData(0.18, 0.35)] // a loss that barely moves (under a decade, no power of ten inside)
    [InlineData(0.15, 6.0)] // one power of ten inside
    [InlineData(1e-7, 3.0)] // many decades
    public void UseLogTicks_ADrawnLogAxisOfAnySpanHasLabelledTicksInView(double low, double high)
    {
        Plot plot = PlotCanvas.NewPlot("t", "step", "loss (log scale)");
        PlotCanvas.AddLogLine(plot, [(0, high), (10, low)], "loss", Colors.Black);
        PlotCanvas.UseLogTicks(plot);
        plot.GetImageBytes(PlotCanvas.Width, PlotCanvas.Height, ImageFormat.Png);

        var range = plot.Axes.Left.Range;
        Tick[] labelled = [.. plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor && t.Label.Length > 0 && t.Position >= range.Min && t.Position <= range.Max)];
        Assert.True(labelled.Length >= 2, $"{labelled.Length} labelled ticks over [{range.Min}, {range.Max}]: {string.Join(", ", labelled.Select(t => t.Label))}");
    }

    [Fact]
    public void StepColor_RunsOverViridisWithoutTheLightYellowEnd()
    {
        Color first = PlotCanvas.StepColor(0, 5), last = PlotCanvas.StepColor(4, 5);
        Assert.Equal(new ScottPlot.Colormaps.Viridis().GetColor(0), first);
        static double Luminance(Color c) => ((0.2126 * c.R) + (0.7152 * c.G) + (0.0722 * c.B)) / 255;
        Assert.True(Luminance(last) < 0.75, $"last colour {last} has luminance {Luminance(last):F2}");
        Assert.True(Luminance(last) > Luminance(first) + 0.3, "early and late curves are far apart in lightness");
    }

    [Fact]
    public void Heatmaps_UseViridisWithTheColorbarLabelClearOfItsTicks()
    {
        Plot plot = PlotCanvas.DrawHeatmap(new double[,] { { 0, 1 }, { 0.5, 0.2 } }, [0, 100], "t", "step", "k", ["1", "3"], new ScottPlot.Range(0, 1), "Δ_F", PlotCanvas.UnitIntervalTicks());
        var heatmap = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.Heatmap>());
        Assert.IsType<ScottPlot.Colormaps.Viridis>(heatmap.Colormap);
        var colorbar = Assert.Single(plot.Axes.GetPanels().OfType<ScottPlot.Panels.ColorBar>());
        var axis = Assert.IsAssignableFrom<ScottPlot.AxisPanels.AxisBase>(colorbar.Axis);
        Assert.True(axis.PaddingBetweenTickAndAxisLabels.Left >= PlotCanvas.ColorbarLabelGap);
        Assert.IsType<IntegerTickGenerator>(plot.Axes.Bottom.TickGenerator);
    }

    [Fact]
    public void IntegerTicks_DropFractionalAndNegativePositions()
    {
        Tick[] kept = IntegerTickGenerator.Keep([Tick.Major(-50, "-50"), Tick.Major(0, "0"), Tick.Major(2.5, "2.5"), Tick.Major(100, "100"), Tick.Minor(-1)], 0);
        Assert.Equal([0.0, 100.0], kept.Select(t => t.Position));
    }

    [Fact]
    public void IntegerTicks_OnAStepAxisAreWholeAndNotNegative()
    {
        Plot plot = PlotCanvas.NewPlot("t", "step", "y");
        plot.Add.ScatterLine(new double[] { 0, 1, 2, 3 }, new double[] { 1, 2, 3, 4 });
        plot.Axes.SetLimitsX(-0.4, 3.4);
        plot.GetImageBytes(PlotCanvas.Width, PlotCanvas.Height, ImageFormat.Png);
        Tick[] ticks = plot.Axes.Bottom.TickGenerator.Ticks;
        Assert.IsType<IntegerTickGenerator>(plot.Axes.Bottom.TickGenerator);
        Assert.NotEmpty(ticks);
        Assert.All(ticks, t => Assert.True(t.Position >= 0 && t.Position == Math.Round(t.Position), $"tick at {t.Position}"));
    }

    [Fact]
    public void SvgIds_TheSameDrawingWithOtherCountersRenumbersToTheSameBytes()
    {
        byte[] a = Encoding.UTF8.GetBytes("<svg><clipPath id=\"cl_5a\"/><g clip-path=\"url(#cl_5a)\"/><clipPath id=\"cl_5b\"/><use href=\"#cl_5b\"/></svg>");
        byte[] b = Encoding.UTF8.GetBytes("<svg><clipPath id=\"cl_c\"/><g clip-path=\"url(#cl_c)\"/><clipPath id=\"cl_d\"/><use href=\"#cl_d\"/></svg>");
        Assert.Equal(SvgIds.Renumber(a), SvgIds.Renumber(b));
        Assert.Equal("<svg><clipPath id=\"cl_1\"/><g clip-path=\"url(#cl_1)\"/><clipPath id=\"cl_2\"/><use href=\"#cl_2\"/></svg>", Encoding.UTF8.GetString(SvgIds.Renumber(a)));
    }
}
