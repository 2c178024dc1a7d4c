using System.Globalization;
using FreqScope.Core.Tables;
using FreqScope.Reporting;
using FreqScope.Experiments.Classify;
using Xunit;

namespace FreqScope.Tests.Reporting;

public sealed class EpochHeatmapMatrixTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Filtering_HoldsTheCsvValueAtDeltaRowAndEpochColumn(bool low)
    {
        using SyntheticClassifyRun run = new();
        ClassifyRunData data = ClassifyRunFolderReader.Read(run.Directory);

        EpochHeatmapMatrix matrix = low ? EpochHeatmapMatrix.FilteringLow(data) : EpochHeatmapMatrix.FilteringHigh(data);

        Assert.Equal([0.5, 2.0, 8.0], matrix.RowKeys); // increasing δ, whatever the file order
        Assert.Equal(run.Epochs, matrix.Epochs);
        Assert.Equal(low ? "e_low" : "e_high", matrix.Column);

        // Expected values straight from the CSV text, independent of the reader's row records.
        Dictionary<(double Delta, int Epoch), double> fromCsv = File.ReadLines(run.PathOf("filtering.csv")).Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(
                f => (double.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[0], CultureInfo.InvariantCulture)),
                f => double.Parse(f[low ? 2 : 3], CultureInfo.InvariantCulture));
        Assert.Equal(fromCsv.Count, matrix.RowCount * matrix.ColumnCount);
        for (int r = 0; r < matrix.RowCount; r++)
        {
            for (int c = 0; c < matrix.ColumnCount; c++)
            {
                Assert.Equal(fromCsv[(matrix.RowKeys[r], matrix.Epochs[c])], matrix[r, c]);
            }
        }

        Assert.True(matrix[0, 0] > 1); // unclipped: e at epoch 0 exceeds 1 here
    }

    [Theory]
    [InlineData("complex", 5)]
    [InlineData("magnitude", 6)]
    public void ProjectionPeaks_HoldsTheSummaryErrorFormColumn_ClippedToUnitInterval(string errorForm, int csvColumn)
    {
        using SyntheticClassifyRun run = new(errorForm: errorForm);
        ClassifyRunData data = ClassifyRunFolderReader.Read(run.Directory);

        EpochHeatmapMatrix matrix = EpochHeatmapMatrix.ProjectionPeaks(data);

        Assert.Equal([3.0, 8.0, 14.0], matrix.RowKeys); // lowest frequency first (row 0 is drawn at the bottom)
        Assert.Equal(errorForm == "complex" ? "delta_complex" : "delta_magnitude", matrix.Column);
        Dictionary<(int Index, int Epoch), double> fromCsv = ProjectionCsv(run, csvColumn);
        bool sawClip = false;
        for (int r = 0; r < matrix.RowCount; r++)
        {
            for (int c = 0; c < matrix.ColumnCount; c++)
            {
                double raw = fromCsv[((int)matrix.RowKeys[r], matrix.Epochs[c])];
                sawClip |= raw > 1;
                Assert.Equal(Math.Min(raw, 1.0), matrix[r, c]);
            }
        }

        Assert.Equal(errorForm == "complex", sawClip); // 1.2·e⁰ at epoch 0 is clipped in the complex form only
    }

    [Fact]
    public void ProjectionAll_CoversEveryIndex_AndMissingCellsAreNaN()
    {
        using SyntheticClassifyRun run = new();
        string[] lines = File.ReadAllLines(run.PathOf("projection.csv"));
        File.WriteAllLines(run.PathOf("projection.csv"), lines.Where(l => !l.StartsWith("4,10,", StringComparison.Ordinal)));

        EpochHeatmapMatrix matrix = EpochHeatmapMatrix.ProjectionAll(ClassifyRunFolderReader.Read(run.Directory));

        Assert.Equal(Enumerable.Range(0, SyntheticClassifyRun.GridSize).Select(i => (double)i), matrix.RowKeys);
        Assert.True(double.IsNaN(matrix[10, 4]));
        Assert.Equal(SyntheticClassifyRun.ProjectionDeltas(10, 5).Complex, matrix[10, 5]);
        Assert.Equal(SyntheticClassifyRun.ProjectionDeltas(17, 9).Complex, matrix[17, 9]);
    }

    [Fact]
    public void Matrices_AreEmptyWithoutTheirData()
    {
        using SyntheticClassifyRun run = new(filtering: false, writeSummary: false);
        ClassifyRunData data = ClassifyRunFolderReader.Read(run.Directory);

        Assert.Equal(0, EpochHeatmapMatrix.FilteringLow(data).RowCount);
        Assert.Equal(0, EpochHeatmapMatrix.ProjectionPeaks(data).RowCount); // peaks come from the summary
        Assert.Equal(SyntheticClassifyRun.GridSize, EpochHeatmapMatrix.ProjectionAll(data).RowCount);
    }

    private static Dictionary<(int Index, int Epoch), double> ProjectionCsv(SyntheticClassifyRun run, int column) =>
        File.ReadLines(run.PathOf("projection.csv")).Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(
                f => (int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[0], CultureInfo.InvariantCulture)),
                f => CsvFormat.ParseDouble(f[column], "projection.csv", 0, "delta"));
}
