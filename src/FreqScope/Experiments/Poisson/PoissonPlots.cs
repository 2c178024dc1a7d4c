using System.Globalization;
using FreqScope.Core.Runs;
using FreqScope.Experiments.Fit1d;
using FreqScope.Reporting;
using ScottPlot;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// Draws a <c>poisson</c> run's figures with ScottPlot 5, each saved (atomically) as PNG, SVG and PDF into a plots folder,
/// only where the data exist: <c>error-vs-time</c> and <c>error-vs-iteration</c> (errors.csv);
/// <c>mode-heatmaps</c> (Jacobi and the network side by side, one colour scale), <c>mode-heatmap-damped-jacobi</c>,
/// <c>mode-heatmap-gauss-seidel</c> and <c>mode-errors</c> (modes.csv); <c>solution</c> (1-D) or
/// <c>network-error</c> (2-D, when the network ran) from solution.csv. Single plots are 900×560; a figure of two
/// panels is 2 × <see cref="PlotCanvas.PanelWidth"/> wide.
/// </summary>
public static class PoissonPlots
{
    /// <summary>The most modes drawn in <c>mode-errors</c> when summary.json (and its analysed modes) is missing.</summary>
    public const int MaxModeCurves = 8;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // Category10 colours: Jacobi blue, network orange, damped Jacobi green, Gauss–Seidel purple; hybrids take the rest.
    private static readonly int[] HybridColors = [3, 5, 6, 7, 8, 9];

    /// <summary>Writes every figure the run's data allow.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into; created if absent.</param>
    /// <returns>The figures written, in report order.</returns>
    public static IReadOnlyList<PlotFile> WriteAll(PoissonRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(plotsDir);
        return PlotCanvas.WriteFigures(run, plotsDir,
        [
            WriteErrorVsTime, WriteErrorVsIteration, WriteModeHeatmaps, WriteDampedJacobiHeatmap, WriteGaussSeidelHeatmap,
            WriteModeErrors, WriteSolution, WriteNetworkError,
        ]);
    }

    /// <summary>
    /// ‖u − u_h‖∞ against wall seconds for every method of errors.csv (log-log; probes at 0 s are left out), hybrids
    /// dashed with a dot at their handover, and the tolerance as a dotted line.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when errors.csv has no rows.</returns>
    public static PlotFile? WriteErrorVsTime(PoissonRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        string[] methods = run.Methods;
        if (methods.Length == 0)
        {
            return null;
        }

        const string title = "Error against wall time";
        Plot plot = PlotCanvas.NewPlot(title, "solver wall time in seconds (log scale)", "‖u − u_h‖∞ (log scale)");
        foreach (string method in methods)
        {
            PoissonErrorRow[] rows = run.ErrorsOf(method);
            Color color = ColorOf(run, method);
            var line = PlotCanvas.AddLogLine(plot, rows.Select(r => (r.Seconds, r.ErrorInf)), PoissonMethods.Label(method), color, logX: true);
            if (line is not null && PoissonMethods.HandoverStep(method) is not null)
            {
                line.LinePattern = LinePattern.Dashed;
                plot.Add.Marker(line.Data.GetScatterPoints()[0], MarkerShape.FilledCircle, 9, color);
            }
        }

        FinishErrorPlot(plot, run);
        return PlotCanvas.Save(plot, plotsDir, "error-vs-time", title,
            $"‖u − u_h‖∞ against solver wall time for every method, log-log (probes at 0 s are left out). Hybrids are dashed and start, at the dot, from the network's output at their handover step{CaptionTolerance(run)}.");
    }

    /// <summary>‖u − u_h‖∞ against iterations for the classic relaxations (sweeps) and the network (optimizer steps), log-log; iteration 0 is left out.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when errors.csv has no classic or network rows.</returns>
    public static PlotFile? WriteErrorVsIteration(PoissonRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        string[] methods = [.. run.Methods.Where(PoissonMethods.HasModes)];
        if (methods.Length == 0)
        {
            return null;
        }

        const string title = "Error against iterations";
        Plot plot = PlotCanvas.NewPlot(title, "sweeps (relaxations) or optimizer steps (network), log scale", "‖u − u_h‖∞ (log scale)");
        foreach (string method in methods)
        {
            PlotCanvas.AddLogLine(plot, run.ErrorsOf(method).Select(r => ((double)r.Iteration, r.ErrorInf)), PoissonMethods.Label(method),
                ColorOf(run, method), logX: true);
        }

        FinishErrorPlot(plot, run);
        return PlotCanvas.Save(plot, plotsDir, "error-vs-iteration", title,
            $"‖u − u_h‖∞ against sweeps (relaxations) and optimizer steps (network), log-log; iteration 0 is left out{CaptionTolerance(run)}.");
    }

    /// <summary>
    /// Per-mode relative error heatmaps of Jacobi (left) and the network (right) in one figure, with the colour scale
    /// of <see cref="ModeColorRange"/>; only the one that has modes.csv rows when the other has none.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when neither Jacobi nor the network has modes.csv rows.</returns>
    public static PlotFile? WriteModeHeatmaps(PoissonRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        ModeHeatmapMatrix[] matrices = [.. SideBySideMatrices(run)];
        if (matrices.Length == 0)
        {
            return null;
        }

        (double low, double high) = ModeColorRange(run);
        string title = "Relative error per mode: " + string.Join(" and ", matrices.Select(m => PoissonMethods.Label(m.Method))) + " (one colour scale)";
        return PlotCanvas.SavePanels([.. matrices.Select(m => DrawModeHeatmap(run, m, low, high))], plotsDir, "mode-heatmaps", title,
            $"Per-mode convergence of Jacobi and of the network side by side: {CaptionHeatmap(run)}. Jacobi removes the high modes first and the low modes last; under the Frequency Principle the network does the opposite.");
    }

    /// <summary>
    /// The matrices of the side-by-side <c>mode-heatmaps</c> figure, left to right: Jacobi, then the network, each only
    /// when it has modes.csv rows.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>Zero, one or two matrices.</returns>
    public static IReadOnlyList<ModeHeatmapMatrix> SideBySideMatrices(PoissonRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. new[] { PoissonMethods.Jacobi, PoissonMethods.Network }
            .Select(m => ModeHeatmapMatrix.Build(run, m))
            .Where(m => m.RowCount > 0 && m.ColumnCount > 0)];
    }

    /// <summary>The colour range (log10 units) all mode heatmaps of the run share: <see cref="ModeHeatmapMatrix.ColorRange"/> over every method of modes.csv and ε.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The lower and upper end.</returns>
    public static (double Low, double High) ModeColorRange(PoissonRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return ModeHeatmapMatrix.ColorRange(run.ModeMethods.Select(m => ModeHeatmapMatrix.Build(run, m)), run.Epsilon);
    }

    /// <summary>The per-mode relative error heatmap of damped Jacobi, on the shared colour scale.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when damped Jacobi has no modes.csv rows.</returns>
    public static PlotFile? WriteDampedJacobiHeatmap(PoissonRunData run, string plotsDir) =>
        WriteMethodHeatmap(run, plotsDir, PoissonMethods.DampedJacobi, "mode-heatmap-damped-jacobi");

    /// <summary>The per-mode relative error heatmap of Gauss–Seidel, on the shared colour scale.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when Gauss–Seidel has no modes.csv rows.</returns>
    public static PlotFile? WriteGaussSeidelHeatmap(PoissonRunData run, string plotsDir) =>
        WriteMethodHeatmap(run, plotsDir, PoissonMethods.GaussSeidel, "mode-heatmap-gauss-seidel");

    /// <summary>
    /// Relative error against iterations (log-log, iteration 0 left out) of the modes of <see cref="AnalysedModes"/>,
    /// one panel for Jacobi and one for the network (either alone when the other has no rows), with ε dotted.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when neither Jacobi nor the network has modes.csv rows.</returns>
    public static PlotFile? WriteModeErrors(PoissonRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        string[] methods = [.. new[] { PoissonMethods.Jacobi, PoissonMethods.Network }.Where(m => run.ModesOf(m).Length > 0)];
        int[] modes = AnalysedModes(run);
        if (methods.Length == 0 || modes.Length == 0)
        {
            return null;
        }

        Dictionary<int, double> frequencyOf = FrequencyOf(run);
        List<Plot> panels = [];
        foreach (string method in methods)
        {
            PoissonModeRow[] rows = run.ModesOf(method);
            Plot plot = PlotCanvas.NewPlot($"{PoissonMethods.Label(method)}: relative error per mode",
                PoissonMethods.IterationUnit(method) + "s (log scale)", "|ê| / |û| (log scale)");
            for (int i = 0; i < modes.Length; i++)
            {
                string legend = ModeText(run, modes[i]) + (frequencyOf.TryGetValue(modes[i], out double f) ? $" (f = {f.ToString("G3", Invariant)})" : string.Empty);
                PlotCanvas.AddLogLine(plot, rows.Where(r => r.Mode == modes[i]).OrderBy(r => r.Iteration).Select(r => ((double)r.Iteration, r.RelativeError)),
                    legend, PlotCanvas.StepColor(i, modes.Length), logX: true);
            }

            if (run.Epsilon is double epsilon && epsilon > 0)
            {
                PlotCanvas.AddThresholdLine(plot, Math.Log10(epsilon), "ε = " + epsilon.ToString("G3", Invariant));
            }

            PlotCanvas.UseLogTicks(plot.Axes.Bottom);
            PlotCanvas.UseLogTicks(plot);
            plot.ShowLegend(Alignment.LowerLeft);
            panels.Add(plot);
        }

        string title = "Relative error of the analysed modes: " + string.Join(" and ", methods.Select(PoissonMethods.Label));
        return PlotCanvas.SavePanels(panels, plotsDir, "mode-errors", title,
            $"Relative error |ê| / |û| of {CaptionModes(run)} against iterations, one colour per mode from low (dark purple) to high (green) frequency, for Jacobi and for the network; log-log, iteration 0 left out{CaptionEpsilon(run)}.");
    }

    /// <summary>
    /// The modes drawn in <c>mode-errors</c>: summary.json's analysed modes (increasing); without summary.json up to
    /// <see cref="MaxModeCurves"/> of modes.csv's modes, spread evenly from the lowest to the highest.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>The modes, increasing.</returns>
    public static int[] AnalysedModes(PoissonRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Summary is { } summary
            ? [.. summary.Modes.Select(m => m.Mode).Distinct().Order()]
            : PlotCanvas.SpreadEvenly([.. (run.Modes ?? []).Select(r => r.Mode).Distinct().Order()], MaxModeCurves);
    }

    /// <summary>1-D: the discrete solution, the exact solution (when the source has one) and the network's final output against x.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null for a 2-D run or when solution.csv is absent or empty.</returns>
    public static PlotFile? WriteSolution(PoissonRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Dimension != 1 || run.Solution is not { Count: > 0 } solution)
        {
            return null;
        }

        const string title = "Solutions on the grid";
        Plot plot = PlotCanvas.NewPlot(title, "x", "u");
        PoissonSolutionRow[] rows = [.. solution.OrderBy(r => r.X)];
        AddCurve(plot, rows, r => r.Discrete, "discrete solution u_h", Colors.Black, 4, LinePattern.Solid);
        AddCurve(plot, rows, r => r.Exact, "exact solution u*", Colors.Red, 2, LinePattern.Dashed);
        AddCurve(plot, rows, r => r.Network, "network (final)", new ScottPlot.Palettes.Category10().GetColor(1), 2, LinePattern.Solid);
        plot.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.Save(plot, plotsDir, "solution", title,
            "The discrete solution u_h (thick black), the analytic solution u* (red dashed, when the source has one) and the network's final output on the grid.");
    }

    /// <summary>2-D: a heatmap of the network's final error (network − discrete) over the grid, on a scale symmetric about 0.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null for a 1-D run or when solution.csv is absent or has no network values.</returns>
    public static PlotFile? WriteNetworkError(PoissonRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Dimension != 2)
        {
            return null;
        }

        (double[] xs, double[] ys, double[,] values) = NetworkErrorGrid(run);
        double[] finite = [.. values.Cast<double>().Where(double.IsFinite)];
        if (finite.Length == 0)
        {
            return null;
        }

        double bound = finite.Max(Math.Abs);
        bound = bound > 0 ? bound : 1;
        const string title = "Network error over the square (network − discrete solution)";
        Plot plot = PlotCanvas.NewPlot(title, "x", "y");
        (double left, double right) = CellEdges(xs);
        (double bottom, double top) = CellEdges(ys);
        PlotCanvas.AddHeatmap(plot, values, new CoordinateRect(left, right, bottom, top), new ScottPlot.Range(-bound, bound), "network − u_h", null);
        plot.Axes.SetLimits(left, right, bottom, top);
        return PlotCanvas.Save(plot, plotsDir, "network-error", title,
            "The network's final error against the discrete solution (network − u_h) over the square, on a colour scale symmetric about 0.");
    }

    /// <summary>
    /// The 2-D grid of network − discrete from solution.csv: distinct x (columns) and y (rows, lowest first), NaN
    /// where a grid point is missing or has no network value.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>The x of each column, the y of each row, and the [row, column] values.</returns>
    public static (double[] Xs, double[] Ys, double[,] Values) NetworkErrorGrid(PoissonRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        PoissonSolutionRow[] rows = [.. (run.Solution ?? []).Where(r => r.Y is not null && r.Network is not null)];
        double[] xs = [.. rows.Select(r => r.X).Distinct().Order()];
        double[] ys = [.. rows.Select(r => r.Y!.Value).Distinct().Order()];
        return (xs, ys, HeatmapCells.Fill(rows, ys, xs, r => r.Y!.Value, r => r.X, r => r.Network!.Value - r.Discrete));
    }

    /// <summary>How a mode is named: <c>k = 3</c> (1-D sine index) or <c>s = 3</c> (2-D shell).</summary>
    /// <param name="run">The run.</param>
    /// <param name="mode">The mode.</param>
    /// <returns>The text.</returns>
    public static string ModeText(PoissonRunData run, int mode)
    {
        ArgumentNullException.ThrowIfNull(run);
        return (run.Dimension == 1 ? "k = " : "s = ") + mode.ToString(Invariant);
    }

    private static PlotFile? WriteMethodHeatmap(PoissonRunData run, string plotsDir, string method, string name)
    {
        ArgumentNullException.ThrowIfNull(run);
        ModeHeatmapMatrix matrix = ModeHeatmapMatrix.Build(run, method);
        if (matrix.RowCount == 0 || matrix.ColumnCount == 0)
        {
            return null;
        }

        (double low, double high) = ModeColorRange(run);
        Plot plot = DrawModeHeatmap(run, matrix, low, high);
        string label = PoissonMethods.Label(method);
        return PlotCanvas.Save(plot, plotsDir, name, $"Relative error per mode: {label}", $"{char.ToUpperInvariant(label[0])}{label[1..]}: {CaptionHeatmap(run)}.");
    }

    private static Plot DrawModeHeatmap(PoissonRunData run, ModeHeatmapMatrix matrix, double low, double high)
    {
        string yLabel = run.Dimension == 1 ? "mode k (sine index)" : "shell s = round(√(k² + l²))";
        string[] rows = [.. matrix.Modes.Select(m => m.ToString(Invariant))];
        return PlotCanvas.DrawHeatmap(
            matrix.Clamped(low, high),
            [.. matrix.Iterations],
            $"{PoissonMethods.Label(matrix.Method)}: |ê| / |û| per mode",
            PoissonMethods.IterationUnit(matrix.Method) + " (one column per probe)",
            yLabel,
            rows,
            new ScottPlot.Range(low, high),
            "|ê| / |û|",
            PowerOfTenTicks(low, high));
    }

    /// <summary>Colorbar ticks at the integer exponents from <paramref name="low"/> to <paramref name="high"/> labelled 10ⁿ, the lowest "≤ 10ⁿ" (clamped values).</summary>
    private static ScottPlot.TickGenerators.NumericManual PowerOfTenTicks(double low, double high)
    {
        ScottPlot.TickGenerators.NumericManual ticks = new();
        int decades = (int)(high - low);
        int stride = Math.Max(1, (int)Math.Ceiling(decades / 8.0));
        for (int e = (int)low; e <= (int)high; e += stride)
        {
            ticks.AddMajor(e, (e == (int)low ? "≤ " : string.Empty) + FitPlots.PowerOfTen(e));
        }

        return ticks;
    }

    private static void FinishErrorPlot(Plot plot, PoissonRunData run)
    {
        if (run.Tolerance is double tolerance && tolerance > 0 && double.IsFinite(tolerance))
        {
            PlotCanvas.AddThresholdLine(plot, Math.Log10(tolerance), "tolerance " + tolerance.ToString("G3", Invariant));
        }

        PlotCanvas.UseLogTicks(plot.Axes.Bottom);
        PlotCanvas.UseLogTicks(plot);
        plot.ShowLegend(Alignment.LowerLeft);
    }

    private static Color ColorOf(PoissonRunData run, string method)
    {
        ScottPlot.Palettes.Category10 palette = new();
        int hybrid = Array.IndexOf([.. run.Methods.Where(m => PoissonMethods.HandoverStep(m) is not null)], method);
        return method switch
        {
            PoissonMethods.Jacobi => palette.GetColor(0),
            PoissonMethods.Network => palette.GetColor(1),
            PoissonMethods.DampedJacobi => palette.GetColor(2),
            PoissonMethods.GaussSeidel => palette.GetColor(4),
            _ => palette.GetColor(HybridColors[Math.Max(0, hybrid) % HybridColors.Length]),
        };
    }

    private static Dictionary<int, double> FrequencyOf(PoissonRunData run)
    {
        Dictionary<int, double> frequencyOf = [];
        foreach (var mode in run.Summary?.Modes ?? [])
        {
            frequencyOf.TryAdd(mode.Mode, mode.Frequency);
        }

        foreach (PoissonModeRow row in run.Modes ?? [])
        {
            frequencyOf.TryAdd(row.Mode, row.Frequency);
        }

        return frequencyOf;
    }

    private static void AddCurve(Plot plot, PoissonSolutionRow[] rows, Func<PoissonSolutionRow, double?> value, string legend, Color color, float width, LinePattern pattern)
    {
        PoissonSolutionRow[] kept = [.. rows.Where(r => value(r) is not null)];
        if (kept.Length == 0)
        {
            return;
        }

        var line = plot.Add.ScatterLine(kept.Select(r => r.X).ToArray(), kept.Select(r => value(r)!.Value).ToArray());
        line.Color = color;
        line.LineWidth = width;
        line.LinePattern = pattern;
        line.LegendText = legend;
    }

    /// <summary>The outer edges of cells centred on the sorted, evenly spaced <paramref name="centres"/>.</summary>
    private static (double Low, double High) CellEdges(double[] centres)
    {
        double half = centres.Length > 1 ? (centres[^1] - centres[0]) / (centres.Length - 1) / 2 : 0.5;
        return (centres[0] - half, centres[^1] + half);
    }

    private static string CaptionTolerance(PoissonRunData run) =>
        run.Tolerance is double t ? "; the dotted line is the tolerance " + ReportHtml.Number(t) : string.Empty;

    private static string CaptionEpsilon(PoissonRunData run) =>
        run.Epsilon is double e ? "; the dotted line is ε = " + ReportHtml.Number(e) : string.Empty;

    private static string CaptionModeUnit(PoissonRunData run) =>
        run.Dimension == 1 ? "sine mode k (frequency k / 2L)" : "radial shell s = round(√(k² + l²)) (frequency s / 2L)";

    private static string CaptionHeatmap(PoissonRunData run) =>
        $"log10 of the relative error |ê| / |û| of each {CaptionModeUnit(run)} (rows, lowest at the bottom) at each probe (one column per probe; the probes are not evenly spaced, the ticks give their iteration); one colour scale for every mode heatmap of the run, clamped below (≤); grey cells have no value";

    private static string CaptionModes(PoissonRunData run) =>
        run.Summary is null ? $"up to {MaxModeCurves} modes of modes.csv (summary.json is missing)" : "the analysed modes of summary.json";
}
