using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;
using ScottPlot;

namespace FreqScope.Sweeps;

/// <summary>
/// A sweep report's figures, built on the swept values (<see cref="SweepAnalysis"/>): each metric against the first
/// condition key (log-scaled, linear or categorical), seeds aggregated as mean ± sd (min–max for two) with every
/// member's value shown; a heatmap of the means for a grid over two keys; and the members' curves of each streamed
/// quantity (losses, Δ_F of each peak, e_low/e_high, band errors, …, read from their tables) overlaid, coloured by the
/// swept value with a colour bar.
/// </summary>
internal static class SweepFigures
{
    /// <summary>Most curve figures a report draws (the first quantities its kind streams).</summary>
    public const int MaxCurveFigures = 10;

    /// <summary>Most keys (peaks, bands, δ) of one quantity drawn as figures of their own; a quantity with more (a whole spectrum) is left to the members' reports.</summary>
    private const int MaxKeysPerTable = 6;

    /// <summary>Every figure of the sweep in <paramref name="sweepDir"/>.</summary>
    public static IReadOnlyList<PlotFile> Write(SweepManifest manifest, string sweepDir, string plotsDir)
    {
        Directory.CreateDirectory(plotsDir);
        var plots = new List<PlotFile>();
        var keys = SweepAnalysis.ConditionKeys(manifest);
        foreach (string metric in manifest.Metrics)
        {
            var points = SweepAnalysis.Points(manifest, metric, keys);
            if (points.Count == 0) continue;
            if (manifest.Mode == SweepModes.Grid && keys.Count == 2
                && SweepAnalysis.Values(manifest, keys[0]).Count > 1 && SweepAnalysis.Values(manifest, keys[1]).Count > 1)
            {
                plots.Add(Heatmap(manifest, metric, keys, points, plotsDir));
            }

            plots.Add(MetricFigure(manifest, metric, keys, points, plotsDir));
        }

        plots.AddRange(CurveFigures(manifest, sweepDir, keys, plotsDir));
        return plots;
    }

    /// <summary>Where a condition goes on the axis of a swept key, and the ticks naming its values.</summary>
    private sealed record Axis(string Key, AxisScale Scale, IReadOnlyList<string> Values)
    {
        public double Position(string json) => Scale switch
        {
            AxisScale.Log => Math.Log10(SweepAnalysis.Number(json)!.Value),
            AxisScale.Linear => SweepAnalysis.Number(json)!.Value,
            _ => Values.ToList().IndexOf(json),
        };

        public string Title => Scale == AxisScale.Log ? $"{Key} (log scale)" : Key;

        public ScottPlot.TickGenerators.NumericManual? Ticks()
        {
            if (Scale == AxisScale.Linear && Values.Count > 12) return null;
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            int stride = Math.Max(1, (int)Math.Ceiling(Values.Count / 12.0));
            for (int i = 0; i < Values.Count; i += stride) ticks.AddMajor(Position(Values[i]), SweepAnalysis.Label(Values[i]));
            return ticks;
        }

        public static Axis Of(SweepManifest manifest, string key)
        {
            var values = SweepAnalysis.Values(manifest, key);
            return new Axis(key, SweepAnalysis.Scale(values), values);
        }
    }

    private static PlotFile MetricFigure(SweepManifest manifest, string metric, IReadOnlyList<string> keys, IReadOnlyList<SweepPoint> points, string plotsDir)
    {
        bool log = IsLogMetric(metric) && points.All(p => p.Min > 0);
        string name = "sweep-" + FileName(metric);
        if (keys.Count == 0)
        {
            // Seeds alone: every member's value, and the mean with its spread.
            var p = points[0];
            string title0 = $"{metric} over {p.Values.Count} seeds";
            var plot0 = PlotCanvas.NewPlot(title0, "member", log ? metric + " (log scale)" : metric);
            double[] xs = [.. Enumerable.Range(0, p.Values.Count).Select(i => (double)i)];
            var dots = plot0.Add.ScatterPoints(xs, [.. p.Values.Select(v => Y(v, log))]);
            dots.Color = PlotCanvas.StepColor(0, 2);
            dots.MarkerSize = 9;
            dots.LegendText = "each seed";
            AddMean(plot0, xs.Length, p, log);
            if (log) PlotCanvas.UseLogTicks(plot0);
            PlotCanvas.UseIntegerTicks(plot0.Axes.Bottom);
            plot0.ShowLegend(Edge.Bottom);
            return PlotCanvas.Save(plot0, plotsDir, name, title0,
                $"{FileName(metric)} of each finished member (dots) and their mean with its spread: ± one standard deviation for three or more seeds, the range for two.");
        }

        var axis = Axis.Of(manifest, keys[0]);
        string title = $"{metric} against {axis.Key}";
        var plot = PlotCanvas.NewPlot(title, axis.Title, log ? metric + " (log scale)" : metric);
        // One line per value of the other condition keys (a grid over several keys), each aggregated over its seeds.
        var lines = points.GroupBy(p => string.Join(", ", keys.Skip(1).Select((k, i) => $"{k}={SweepAnalysis.Label(p.Condition[i + 1])}"))).ToList();
        int li = 0;
        foreach (var line in lines)
        {
            var ordered = line.OrderBy(p => axis.Position(p.Condition[0])).ToList();
            Color color = PlotCanvas.StepColor(li++, lines.Count);
            double[] xs = [.. ordered.Select(p => axis.Position(p.Condition[0]))];
            double[] ys = [.. ordered.Select(p => Y(p.Mean, log))];
            var mean = plot.Add.Scatter(xs, ys);
            mean.Color = color;
            mean.LineWidth = 2;
            mean.MarkerSize = 8;
            mean.LegendText = line.Key.Length == 0 ? (ordered.Any(p => p.Values.Count > 1) ? "mean over seeds" : "") : line.Key;
            if (ordered.Any(p => p.Values.Count > 1))
            {
                double[] up = [.. ordered.Select(p => Y(p.Values.Count >= 3 ? p.Mean + p.Sd!.Value : p.Max, log) - Y(p.Mean, log))];
                double[] down = [.. ordered.Select(p => Y(p.Mean, log) - Y(p.Values.Count >= 3 ? Math.Max(p.Mean - p.Sd!.Value, log ? p.Min : double.NegativeInfinity) : p.Min, log))];
                var bars = new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, up, down) { Color = color, LineWidth = 1.5f };
                plot.Add.Plottable(bars);
                double[] eachX = [.. ordered.SelectMany(p => p.Values.Select(_ => axis.Position(p.Condition[0])))];
                double[] eachY = [.. ordered.SelectMany(p => p.Values.Select(v => Y(v, log)))];
                var each = plot.Add.ScatterPoints(eachX, eachY);
                each.Color = color.WithAlpha(0.45);
                each.MarkerSize = 5;
            }
        }

        if (log) PlotCanvas.UseLogTicks(plot);
        if (axis.Ticks() is { } ticks) plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Margins(0.08, 0.12);
        if (lines.Count > 1 && lines.Count <= 12 || lines.Count == 1 && lines[0].Key.Length == 0 && points.Any(p => p.Values.Count > 1)) plot.ShowLegend(Edge.Bottom);
        else plot.HideLegend();
        bool seeds = points.Any(p => p.Values.Count > 1);
        return PlotCanvas.Save(plot, plotsDir, name, title,
            $"{FileName(metric)} of the finished members against {axis.Key}" + (axis.Scale == AxisScale.Log ? " (log scale)" : axis.Scale == AxisScale.Categorical ? " (one column per value)" : "")
            + (seeds ? "; the line joins the means over seeds, the bars are ± one standard deviation (three or more seeds) or the range (two), the dots every member" : "")
            + (lines.Count > 1 ? "; one line per value of the other swept keys." : "."));
    }

    private static PlotFile Heatmap(SweepManifest manifest, string metric, IReadOnlyList<string> keys, IReadOnlyList<SweepPoint> points, string plotsDir)
    {
        var columns = SweepAnalysis.Values(manifest, keys[0]);
        var rows = SweepAnalysis.Values(manifest, keys[1]);
        var values = new double[rows.Count, columns.Count];
        for (int r = 0; r < rows.Count; r++)
            for (int c = 0; c < columns.Count; c++)
                values[r, c] = points.FirstOrDefault(p => p.Condition[0] == columns[c] && p.Condition[1] == rows[r])?.Mean ?? double.NaN;
        double[] finite = [.. values.Cast<double>().Where(double.IsFinite)];
        string title = $"{metric} over {keys[0]} × {keys[1]}";
        var plot = PlotCanvas.NewPlot(title, keys[0], keys[1]);
        PlotCanvas.AddHeatmap(plot, values, new CoordinateRect(-0.5, columns.Count - 0.5, -0.5, rows.Count - 0.5),
            new ScottPlot.Range(finite.Min(), finite.Max() > finite.Min() ? finite.Max() : finite.Min() + 1), metric, null);
        var x = new ScottPlot.TickGenerators.NumericManual();
        for (int c = 0; c < columns.Count; c++) x.AddMajor(c, SweepAnalysis.Label(columns[c]));
        var y = new ScottPlot.TickGenerators.NumericManual();
        for (int r = 0; r < rows.Count; r++) y.AddMajor(r, SweepAnalysis.Label(rows[r]));
        plot.Axes.Bottom.TickGenerator = x;
        plot.Axes.Left.TickGenerator = y;
        plot.Axes.SetLimits(-0.5, columns.Count - 0.5, -0.5, rows.Count - 0.5);
        return PlotCanvas.Save(plot, plotsDir, "sweep-" + FileName(metric) + "-grid", title,
            $"{FileName(metric)} of each cell of the grid (mean over its seeds; grey: no finished member).");
    }

    /// <summary>The members' curves of the quantities their kind streams, one figure per quantity, coloured by the first condition key.</summary>
    private static IEnumerable<PlotFile> CurveFigures(SweepManifest manifest, string sweepDir, IReadOnlyList<string> keys, string plotsDir)
    {
        var kind = ExperimentKinds.Registry.Find(manifest.Experiment);
        var members = manifest.Members.Where(m => m.Status == RunStatus.Finished && Directory.Exists(Path.Combine(sweepDir, m.Name))).ToList();
        if (kind is null || members.Count == 0) yield break;
        // tag → member → curve
        var curves = new Dictionary<string, List<(SweepMemberRecord Member, List<(double Step, double Value)> Curve)>>(StringComparer.Ordinal);
        var tagOrder = new List<string>();
        foreach (var member in members)
        {
            string dir = Path.Combine(sweepDir, member.Name);
            IReadOnlyList<ScalarSeries> series;
            try
            {
                series = kind.Scalars(RunFolder.ReadConfig(kind, dir));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or Core.Config.ConfigException)
            {
                continue;
            }

            var byTag = new Dictionary<string, List<(double, double)>>(StringComparer.Ordinal);
            foreach (var s in series)
            {
                foreach (var (tag, step, value) in new ScalarReader(dir, s).NewScalars(end: true))
                {
                    if (!byTag.TryGetValue(tag, out var list)) byTag[tag] = list = [];
                    list.Add((step, value));
                }
            }

            foreach (var (tag, curve) in byTag)
            {
                if (!curves.TryGetValue(tag, out var list))
                {
                    curves[tag] = list = [];
                    tagOrder.Add(tag);
                }

                list.Add((member, curve));
            }
        }

        // Unkeyed quantities first, then up to a few keys of each keyed one.
        var chosen = tagOrder.Where(t => t.Count(c => c == '/') == 1)
            .Concat(tagOrder.Where(t => t.Count(c => c == '/') > 1).GroupBy(t => t[..t.IndexOf('/', t.IndexOf('/') + 1)])
                .Where(g => g.Count() <= MaxKeysPerTable).SelectMany(g => g))
            .Take(MaxCurveFigures).ToList();
        Axis? axis = keys.Count > 0 ? Axis.Of(manifest, keys[0]) : null;
        foreach (string tag in chosen)
        {
            var lines = curves[tag];
            bool log = IsLogMetric(tag) && lines.All(l => l.Curve.All(p => p.Value > 0));
            string unit = manifest.Experiment == "classify" ? "epoch" : manifest.Experiment == "poisson" ? "iteration" : "step";
            var plot = PlotCanvas.NewPlot($"{tag}, every member", unit, log ? tag + " (log scale)" : tag);
            double lo = axis is null ? 0 : axis.Values.Min(v => axis.Position(v));
            double hi = axis is null ? 1 : axis.Values.Max(v => axis.Position(v));
            var colormap = new LineColormap();
            foreach (var (member, curve) in lines)
            {
                double f = axis is null || hi <= lo ? 0 : (axis.Position(SweepAnalysis.ValueOf(member, axis.Key)) - lo) / (hi - lo);
                var line = plot.Add.ScatterLine(curve.Select(p => p.Step).ToArray(), curve.Select(p => Y(p.Value, log)).ToArray());
                line.Color = colormap.GetColor(f);
                line.LineWidth = 1.8f;
            }

            if (log) PlotCanvas.UseLogTicks(plot);
            PlotCanvas.UseIntegerTicks(plot.Axes.Bottom);
            if (axis is not null)
            {
                PlotCanvas.AddColorbar(plot, new ColorScale(colormap, new ScottPlot.Range(lo, hi > lo ? hi : lo + 1)), axis.Title, axis.Ticks());
            }

            yield return PlotCanvas.Save(plot, plotsDir, "sweep-curves-" + FileName(tag), $"{tag}, every member",
                $"{tag} of every finished member over training" + (axis is null ? " (one line per seed)." : $", coloured by {axis.Key} (colour bar); members that differ only in seed share a colour."));
        }
    }

    private static void AddMean(Plot plot, int count, SweepPoint p, bool log)
    {
        double lowValue = p.Values.Count >= 3 ? (log ? Math.Max(p.Mean - p.Sd!.Value, p.Min) : p.Mean - p.Sd!.Value) : p.Min;
        double highValue = p.Values.Count >= 3 ? p.Mean + p.Sd!.Value : p.Max;
        Color color = PlotCanvas.StepColor(1, 2);
        var mean = plot.Add.HorizontalLine(Y(p.Mean, log));
        mean.Color = color;
        mean.LineWidth = 2;
        mean.LegendText = $"mean {SweepAnalysis.Spread(p)}";
        foreach (double bound in new[] { lowValue, highValue })
        {
            var line = plot.Add.HorizontalLine(Y(bound, log));
            line.Color = color;
            line.LineWidth = 1.5f;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = bound == lowValue ? (p.Values.Count >= 3 ? "mean ± one standard deviation" : "range") : "";
        }

        plot.Axes.SetLimitsX(-0.5, count - 0.5);
    }

    private static double Y(double value, bool log) => log ? Math.Log10(value) : value;

    /// <summary>Whether a metric is drawn on a log scale when all its values are positive: losses, errors, discrepancies, energies, powers, Δ_F.</summary>
    public static bool IsLogMetric(string metric) =>
        metric.Contains("loss", StringComparison.OrdinalIgnoreCase) || metric.Contains("error", StringComparison.OrdinalIgnoreCase)
        || metric.Contains("discrepancy", StringComparison.OrdinalIgnoreCase) || metric.Contains("energy", StringComparison.OrdinalIgnoreCase)
        || metric.Contains("delta_", StringComparison.Ordinal) || metric.Contains("power", StringComparison.OrdinalIgnoreCase) || metric.Contains("e_low", StringComparison.Ordinal)
        || metric.Contains("e_high", StringComparison.Ordinal) || metric.Contains("mse", StringComparison.OrdinalIgnoreCase);

    /// <summary>A metric or tag as a file name: letters and digits kept, everything else a dash.</summary>
    public static string FileName(string metric) =>
        new([.. metric.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
}
