using System.Globalization;
using FreqScope.Core.Tables;
using FreqScope.Reporting;
using FreqScope.Experiments.Fit1d;
using Xunit;

namespace FreqScope.Tests.Reporting;

public sealed class HeatmapMatrixTests
{
    [Theory]
    [InlineData("complex", 5)]
    [InlineData("magnitude", 6)]
    public void ForPeaks_HoldsTheDeltaColumnOfTheErrorForm_ClippedToUnitInterval(string errorForm, int csvColumn)
    {
        using SyntheticRun run = new(errorForm: errorForm);
        FitRunData data = FitRunFolderReader.Read(run.Directory);

        HeatmapMatrix matrix = HeatmapMatrix.ForPeaks(data);

        Assert.Equal(SyntheticRun.PeakKs, matrix.RowIndices);
        Assert.Equal(run.ProbeSteps, matrix.Steps);
        Assert.Equal(errorForm == "complex" ? "delta_complex" : "delta_magnitude", matrix.Column);

        // Expected values straight from the CSV text, independent of the reader's row records.
        Dictionary<(int K, long Step), double> fromCsv = File.ReadLines(run.PathOf("spectra.csv")).Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(
                f => (int.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[0], CultureInfo.InvariantCulture)),
                f => CsvFormat.ParseDouble(f[csvColumn], "spectra.csv", 0, "delta"));
        bool sawClip = false;
        for (int r = 0; r < matrix.RowCount; r++)
        {
            for (int c = 0; c < matrix.ColumnCount; c++)
            {
                double raw = fromCsv[(matrix.RowIndices[r], matrix.Steps[c])];
                sawClip |= raw > 1;
                Assert.Equal(Math.Min(raw, 1.0), matrix[r, c]);
                Assert.InRange(matrix[r, c], 0.0, 1.0);
            }
        }

        Assert.Equal(errorForm == "complex", sawClip); // 1.3·e⁰ at step 0 is clipped in the complex form only
    }

    [Fact]
    public void ForAllKept_ClipsInfiniteDeltaToOne_AndCoversEveryK()
    {
        using SyntheticRun run = new();
        HeatmapMatrix matrix = HeatmapMatrix.ForAllKept(FitRunFolderReader.Read(run.Directory));

        Assert.Equal(Enumerable.Range(0, SyntheticRun.Keep), matrix.RowIndices);
        Assert.All(Enumerable.Range(0, matrix.ColumnCount), c => Assert.Equal(1.0, matrix[0, c])); // k = 0: Δ = inf
        Assert.Equal(SyntheticRun.Deltas(7, 300).Complex, matrix[7, 3]);
    }

    [Fact]
    public void Build_MissingCellsAreNaN()
    {
        using SyntheticRun run = new();
        string[] lines = File.ReadAllLines(run.PathOf("spectra.csv"));
        File.WriteAllLines(run.PathOf("spectra.csv"), lines.Where(l => !l.StartsWith("300,3,", StringComparison.Ordinal)));

        HeatmapMatrix matrix = HeatmapMatrix.ForPeaks(FitRunFolderReader.Read(run.Directory));

        Assert.True(double.IsNaN(matrix[1, 3]));
        Assert.False(double.IsNaN(matrix[1, 4]));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, 1.0)]
    [InlineData(-0.5, 0.0)]
    [InlineData(0.25, 0.25)]
    [InlineData(7.0, 1.0)]
    public void Clip_MapsToUnitInterval(double value, double expected) => Assert.Equal(expected, HeatmapMatrix.Clip(value));

    [Fact]
    public void PeakIndices_WithoutSummary_FindsTheTargetPeaks()
    {
        using SyntheticRun run = new(writeSummary: false);
        Assert.Equal(SyntheticRun.PeakKs, HeatmapMatrix.PeakIndices(FitRunFolderReader.Read(run.Directory)));
    }
}
