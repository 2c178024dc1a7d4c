using FreqScope.Core.Runs;
using FreqScope.Reporting;
using ScottPlot;

namespace FreqScope.Experiments.Ntk;

/// <summary>
/// Draws an <c>ntk</c> run's figures with ScottPlot 5, each saved (atomically) as PNG, SVG and PDF into a plots folder, only
/// where the data exist: <c>eigen-spectrum</c> (eigen.csv: eigenvalues and each eigenvector's frequency, two panels);
/// <c>losses</c> and <c>discrepancy</c> (trajectory.csv); <c>projections</c> (projections.csv); <c>outputs</c>
/// (outputs.csv, the last snapshot). The linearised prediction is drawn dashed (in the PNG, SVG and PDF alike).
/// </summary>
public static class NtkPlots
{
    /// <summary>How many decades below the largest projection the <c>projections</c> figure shows.</summary>
    public const int ProjectionDecades = 10;

    /// <summary>Writes every figure the run's data allow.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into; created if absent.</param>
    /// <returns>The figures written, in report order.</returns>
    public static IReadOnlyList<PlotFile> WriteAll(NtkRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(plotsDir);
        return PlotCanvas.WriteFigures(run, plotsDir, [WriteEigenSpectrum, WriteLosses, WriteDiscrepancy, WriteProjections, WriteOutputs]);
    }

    /// <summary>Left: log10 λ_k against k; right: the eigenvector's dominant frequency against k.</summary>
    /// <returns>The figure, or null without eigen.csv rows.</returns>
    public static PlotFile? WriteEigenSpectrum(NtkRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Eigen is not { Count: > 0 } eigen)
        {
            return null;
        }

        Plot values = PlotCanvas.NewPlot("NTK eigenvalues", "eigenvector index k", "λ_k (log scale)");
        var line = PlotCanvas.AddLogLine(values, eigen.Select(r => ((double)r.Index, r.Eigenvalue)), "λ_k", Colors.C0);
        if (line is not null)
        {
            line.MarkerSize = 4;
        }

        PlotCanvas.UseLogTicks(values);
        Plot frequencies = PlotCanvas.NewPlot("Eigenvector frequency", "eigenvector index k", "dominant frequency (cycles per unit)");
        var scatter = frequencies.Add.ScatterPoints(eigen.Select(r => (double)r.Index).ToArray(), eigen.Select(r => r.Frequency).ToArray());
        scatter.Color = Colors.C1;
        scatter.MarkerSize = 5;
        return PlotCanvas.SavePanels([values, frequencies], plotsDir, "eigen-spectrum", "NTK eigenvalues and eigenvector frequencies",
            "Left: the eigenvalues λ_k of the NTK Θ₀ on the training points (log scale). Right: the dominant frequency of each eigenvector. Large eigenvalues belong to low frequencies, which gradient descent learns first.");
    }

    /// <summary>The training loss of the network and of its linearisation against steps (log scale).</summary>
    /// <returns>The figure, or null without trajectory rows.</returns>
    public static PlotFile? WriteLosses(NtkRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Trajectory.Count == 0)
        {
            return null;
        }

        const string title = "Training loss: network vs linearisation";
        Plot plot = PlotCanvas.NewPlot(title, "gradient-descent step", "L = (1/2n) Σ (f − y)² (log scale)");
        PlotCanvas.AddLogLine(plot, run.Trajectory.Select(r => ((double)r.Step, r.LossReal)), "network (train)", Colors.C0);
        Dashed(PlotCanvas.AddLogLine(plot, run.Trajectory.Select(r => ((double)r.Step, r.LossLinear)), "linearised (train)", Colors.C1));
        if (run.Trajectory.Any(r => r.TestLossReal is not null))
        {
            PlotCanvas.AddLogLine(plot, run.Trajectory.Where(r => r.TestLossReal is not null).Select(r => ((double)r.Step, r.TestLossReal!.Value)), "network (test)", Colors.C2);
            Dashed(PlotCanvas.AddLogLine(plot, run.Trajectory.Where(r => r.TestLossLinear is not null).Select(r => ((double)r.Step, r.TestLossLinear!.Value)), "linearised (test)", Colors.C3));
        }

        PlotCanvas.UseLogTicks(plot);
        plot.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.Save(plot, plotsDir, "losses", title,
            "Training loss L = (1/2n) Σ (f − y)² of the network (solid) and of its linearisation around θ₀ (dashed), and the same on the test points when there are any.");
    }

    /// <summary>‖f − f_lin‖ / ‖y − f₀‖ against steps (log scale), on the training and the test points.</summary>
    /// <returns>The figure, or null when no discrepancy is positive.</returns>
    public static PlotFile? WriteDiscrepancy(NtkRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        const string title = "Distance between the network and its linearisation";
        Plot plot = PlotCanvas.NewPlot(title, "gradient-descent step", "‖f − f_lin‖ / ‖y − f₀‖ (log scale)");
        var train = PlotCanvas.AddLogLine(plot, run.Trajectory.Select(r => ((double)r.Step, r.Discrepancy)), "training points", Colors.C0);
        var test = PlotCanvas.AddLogLine(plot, run.Trajectory.Where(r => r.TestDiscrepancy is not null).Select(r => ((double)r.Step, r.TestDiscrepancy!.Value)), "test points", Colors.C2);
        if (train is null && test is null)
        {
            return null;
        }

        PlotCanvas.UseLogTicks(plot);
        plot.ShowLegend(Alignment.LowerRight);
        return PlotCanvas.Save(plot, plotsDir, "discrepancy", title,
            "‖f − f_lin‖ / ‖y − f₀‖: how far the trained network is from the linearised prediction, relative to the initial residual, on the training and test points.");
    }

    /// <summary>|v_kᵀ(f − y)| against steps for each tracked eigenvector: network solid, linearisation dashed, one colour per k.</summary>
    /// <returns>The figure, or null without projections.csv rows.</returns>
    public static PlotFile? WriteProjections(NtkRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        int[] indices = run.ProjectedIndices;
        if (indices.Length == 0)
        {
            return null;
        }

        const string title = "Residual on the NTK eigenvectors";
        Plot plot = PlotCanvas.NewPlot(title, "gradient-descent step", "|v_kᵀ (f − y)| (log scale)");
        for (int i = 0; i < indices.Length; i++)
        {
            int k = indices[i];
            NtkProjectionRow[] rows = [.. run.Projections!.Where(r => r.K == k).OrderBy(r => r.Step)];
            Color color = PlotCanvas.StepColor(i, indices.Length);
            PlotCanvas.AddLogLine(plot, rows.Select(r => ((double)r.Step, Math.Abs(r.Real))), $"k = {k}", color);
            Dashed(PlotCanvas.AddLogLine(plot, rows.Select(r => ((double)r.Step, Math.Abs(r.Linear))), string.Empty, color));
        }

        // The linear residual keeps shrinking geometrically towards 1e-300, the network's stops at its distance from the
        // linearisation: the axis shows ProjectionDecades decades below the largest value.
        double top = run.Projections!.SelectMany(r => new[] { Math.Abs(r.Real), Math.Abs(r.Linear) }).Where(v => v > 0 && double.IsFinite(v)).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimitsY(Math.Log10(top) - ProjectionDecades, Math.Log10(top) + 0.5);
        PlotCanvas.UseLogTicks(plot);
        plot.ShowLegend(Alignment.LowerLeft);
        return PlotCanvas.Save(plot, plotsDir, "projections", title,
            "|v_kᵀ (f − y)|, the residual along the top eigenvectors of Θ₀: network solid, linearisation dashed, one colour per k (dark purple: largest eigenvalue). The linear one decays exactly as |1 − ηλ_k/n|^t.");
    }

    /// <summary>The target, the network and the linearised prediction at the last snapshot (test points when there are any).</summary>
    /// <returns>The figure, or null without outputs.csv rows.</returns>
    public static PlotFile? WriteOutputs(NtkRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        long[] steps = run.OutputSteps;
        if (steps.Length == 0)
        {
            return null;
        }

        long last = steps[^1];
        NtkOutputRow[] rows = [.. run.Outputs!.Where(r => r.Step == last)];
        string set = rows.Any(r => r.Set == "test") ? "test" : "train";
        rows = [.. rows.Where(r => r.Set == set).OrderBy(r => r.X)];
        string title = $"Outputs at step {last} ({set} points)";
        Plot plot = PlotCanvas.NewPlot(title, "x", "value");
        double[] x = [.. rows.Select(r => r.X)];
        var target = plot.Add.ScatterLine(x, rows.Select(r => r.Target).ToArray());
        target.Color = Colors.Black;
        target.LineWidth = 3;
        target.LegendText = "target";
        var real = plot.Add.ScatterLine(x, rows.Select(r => r.Real).ToArray());
        real.Color = Colors.C0;
        real.LineWidth = 2;
        real.LegendText = "network";
        var linear = plot.Add.ScatterLine(x, rows.Select(r => r.Linear).ToArray());
        Dashed(linear);
        linear.Color = Colors.C1;
        linear.LegendText = "linearised";
        plot.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.Save(plot, plotsDir, "outputs", title,
            "Target, network and linearised prediction at the last snapshot.");
    }

    private static void Dashed(ScottPlot.Plottables.Scatter? line)
    {
        if (line is null)
        {
            return;
        }

        line.LinePattern = LinePattern.Dashed;
        line.LineWidth = 2;
    }
}
