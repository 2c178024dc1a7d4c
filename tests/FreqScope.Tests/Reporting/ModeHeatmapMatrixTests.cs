using FreqScope.Reporting;
using FreqScope.Experiments.Poisson;
using Xunit;

namespace FreqScope.Tests.Reporting;

public sealed class ModeHeatmapMatrixTests
{
    [Fact]
    public void SideBySide_IsJacobiThenNetwork_WithLog10OfTheWrittenErrors()
    {
        using SyntheticPoissonRun run = new();
        IReadOnlyList<ModeHeatmapMatrix> matrices = PoissonPlots.SideBySideMatrices(PoissonRunFolderReader.Read(run.Directory));

        Assert.Equal(["jacobi", "network"], matrices.Select(m => m.Method));
        ModeHeatmapMatrix jacobi = matrices[0];
        Assert.Equal(SyntheticPoissonRun.RecordedModes, jacobi.Modes);
        Assert.Equal(SyntheticPoissonRun.ClassicProbes, jacobi.Iterations);
        Assert.Equal(0.0, jacobi[0, 0]); // every mode starts at relative error 1
        Assert.Equal(Math.Log10(Math.Pow(Math.Cos(3 * Math.PI / 32), 20)), jacobi[2, 5]); // mode 3 (row 2), sweep 20 (column 5)
        Assert.Equal(Math.Log10(Math.Pow(Math.Cos(16 * Math.PI / 32), 5)), jacobi[7, 3]); // mode 16 (top row), sweep 5

        ModeHeatmapMatrix network = matrices[1];
        Assert.Equal(SyntheticPoissonRun.NetworkProbes, network.Iterations);
        Assert.Equal(Math.Log10(Math.Exp(-300 / 50.0)), network[0, 3]); // mode 1, step 300
        Assert.Equal(Math.Log10(Math.Exp(-300 / 800.0)), network[7, 3]); // mode 16, step 300

        // Opposite orders: Jacobi's highest recorded mode is far below its lowest after 20 sweeps; the network's is above.
        Assert.True(jacobi[7, 5] < jacobi[0, 5]);
        Assert.True(network[7, 3] > network[0, 3]);
    }

    [Fact]
    public void Build_MissingCellIsNaN_ZeroErrorIsMinusInfinity_AndUnsortedRowsAreSorted()
    {
        using SyntheticPoissonRun run = new();
        string[] lines = File.ReadAllLines(run.PathOf("modes.csv"));
        string[] kept = [lines[0], .. lines.Skip(1).Where(l => l != $"jacobi,10,4,2,{SyntheticPoissonRun.R(Math.Pow(Math.Cos(4 * Math.PI / 32), 10))}")];
        Assert.Equal(lines.Length - 1, kept.Length);
        File.WriteAllLines(run.PathOf("modes.csv"), [.. kept, "jacobi,7,6,3,0"]);

        ModeHeatmapMatrix jacobi = ModeHeatmapMatrix.Build(PoissonRunFolderReader.Read(run.Directory), "jacobi");

        Assert.Equal([0, 1, 2, 5, 7, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000], jacobi.Iterations);
        Assert.True(double.IsNaN(jacobi[3, 5])); // mode 4, sweep 10: removed
        Assert.Equal(double.NegativeInfinity, jacobi[4, 4]); // mode 6, sweep 7: relative error 0
        Assert.True(double.IsNaN(jacobi[0, 4])); // mode 1 has no row at sweep 7
    }

    [Fact]
    public void ColorRange_ReachesFourDecadesBelowEpsilonAndClampsTheRest()
    {
        using SyntheticPoissonRun run = new();
        PoissonRunData data = PoissonRunFolderReader.Read(run.Directory);

        Assert.Equal((-6.0, 0.0), PoissonPlots.ModeColorRange(data)); // ε = 0.01: floor −2 − 4; the largest value is log10 1 = 0
        Assert.Equal((-10.0, 0.0), ModeHeatmapMatrix.ColorRange([ModeHeatmapMatrix.Build(data, "jacobi")], null));

        ModeHeatmapMatrix network = ModeHeatmapMatrix.Build(data, "network");
        double[,] clamped = network.Clamped(-6, 0);
        Assert.Equal(-6.0, clamped[0, 20]); // mode 1 at step 2000: exp(−40) ≈ 10^−17.4, shown at the bottom of the scale
        Assert.Equal(network[7, 3], clamped[7, 3]);
        Assert.Equal((-1.0, 0.0), ModeHeatmapMatrix.ColorRange([], 0.01));
    }
}
