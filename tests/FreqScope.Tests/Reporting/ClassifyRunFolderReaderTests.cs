using FreqScope.Experiments;
using FreqScope.Reporting;
using FreqScope.Experiments.Fit1d;
using FreqScope.Experiments.Classify;
using Xunit;

namespace FreqScope.Tests.Reporting;

public sealed class ClassifyRunFolderReaderTests
{
    [Fact]
    public void Read_RoundTripsEveryNumberOfTheCsvFiles()
    {
        using SyntheticClassifyRun run = new();
        ClassifyRunData data = ClassifyRunFolderReader.Read(run.Directory);

        Assert.Equal(run.Epochs.Select(SyntheticClassifyRun.Metric), data.Metrics);

        Assert.NotNull(data.Filtering);
        Assert.Equal(21 * SyntheticClassifyRun.Deltas.Length, data.Filtering.Count);
        FilteringRow f = data.Filtering.Single(r => r.Epoch == 7 && r.Delta == 2.0);
        Assert.Equal(SyntheticClassifyRun.LowError(2.0, 7), f.LowError);
        Assert.Equal(SyntheticClassifyRun.HighError(2.0, 7), f.HighError);
        Assert.Equal([0.5, 2.0, 8.0], data.FilteringDeltas);

        Assert.NotNull(data.Projection);
        Assert.Equal(21 * SyntheticClassifyRun.GridSize, data.Projection.Count);
        ProjectionRow p = data.Projection.Single(r => r.Epoch == 5 && r.Index == 8);
        Assert.Equal(8 * SyntheticClassifyRun.FrequencyStep, p.Frequency);
        Assert.Equal(SyntheticClassifyRun.TargetAbs(8), p.TargetAbs);
        Assert.Equal(SyntheticClassifyRun.ProjectionDeltas(8, 5).Complex, p.DeltaComplex);
        Assert.Equal(SyntheticClassifyRun.ProjectionDeltas(8, 5).Magnitude, p.DeltaMagnitude);
        Assert.Equal(Enumerable.Range(0, 21), data.ProjectionEpochs);
        Assert.Equal(Enumerable.Range(0, SyntheticClassifyRun.GridSize), data.ProjectionIndices);
    }

    [Fact]
    public void Read_ParsesConfigManifestAndSummary()
    {
        using SyntheticClassifyRun run = new(errorForm: "magnitude");
        ClassifyRunData data = ClassifyRunFolderReader.Read(run.Directory);

        Assert.Equal("synthetic-classify", data.Name);
        Assert.Contains("\"experiment\": \"classify\"", data.ConfigJson);
        Assert.True(data.IsFinished);
        Assert.Equal(20, data.Manifest.EpochsCompleted);
        Assert.Equal(20, data.Manifest.EpochsPlanned);
        Assert.Equal("classify", data.Manifest.Experiment);
        Assert.Equal(1000, data.Manifest.StepsCompleted);
        Assert.Equal(300.4, data.Manifest.WallSeconds);

        ClassifySummary summary = Assert.IsType<ClassifySummary>(data.Summary);
        Assert.Equal(run.Summary.Verdict, summary.Verdict);
        Assert.Equal(run.Summary.FinalTestAccuracy, summary.FinalTestAccuracy);
        Assert.Equal(run.Summary.Filtering!.Deltas, summary.Filtering!.Deltas);
        Assert.Equal(run.Summary.Projection!.Peaks, summary.Projection!.Peaks);
        Assert.Equal([3, 8, 14], summary.Projection.ConvergenceOrder);
        Assert.Null(summary.Projection.Component);
        Assert.Equal("magnitude", data.ErrorForm);
        Assert.Equal("delta_magnitude", data.DeltaColumn);
    }

    [Fact]
    public void Read_OptionalFilesAbsent_GivesNulls()
    {
        using SyntheticClassifyRun run = new(status: "running", epochsCompleted: 3, filtering: false, projection: false, writeSummary: false);
        ClassifyRunData data = ClassifyRunFolderReader.Read(run.Directory);

        Assert.Null(data.Filtering);
        Assert.Null(data.Projection);
        Assert.Null(data.Summary);
        Assert.False(data.IsFinished);
        Assert.Empty(data.FilteringEpochs);
        Assert.Equal(4, data.Metrics.Count);
    }

    [Fact]
    public void Read_MalformedFilteringRow_NamesFileLineValueAndColumn()
    {
        using SyntheticClassifyRun run = new();
        string[] lines = File.ReadAllLines(run.PathOf("filtering.csv"));
        lines[4] = "1,0.5,0.3,lots"; // line 5 of the file
        File.WriteAllLines(run.PathOf("filtering.csv"), lines);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => ClassifyRunFolderReader.Read(run.Directory));
        Assert.Equal("filtering.csv line 5: \"lots\" is not a number (column e_high)", e.Message);
    }

    [Fact]
    public void Read_NegativeEpochInMetrics_NamesFileLineAndColumn()
    {
        using SyntheticClassifyRun run = new();
        File.AppendAllText(run.PathOf("metrics.csv"), "-1,0,0.1,0.2,0.5,0.3,0.4\n");

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => ClassifyRunFolderReader.Read(run.Directory));
        Assert.Equal("metrics.csv line 23: \"-1\" is not a valid epoch (column epoch)", e.Message);
    }

    [Fact]
    public void Read_WrongFieldCountInProjection_NamesLine()
    {
        using SyntheticClassifyRun run = new();
        File.AppendAllText(run.PathOf("projection.csv"), "20,3,0.15\n");

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => ClassifyRunFolderReader.Read(run.Directory));
        Assert.StartsWith($"projection.csv line {(21 * SyntheticClassifyRun.GridSize) + 2}: expected 7 fields", e.Message);
    }

    [Theory]
    [InlineData("metrics.csv")]
    [InlineData("manifest.json")]
    [InlineData("config.json")]
    public void Read_MissingRequiredFile_NamesIt(string file)
    {
        using SyntheticClassifyRun run = new();
        run.Delete(file);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => ClassifyRunFolderReader.Read(run.Directory));
        Assert.StartsWith(file + ": missing", e.Message);
    }

    [Fact]
    public void Read_WrongHeader_NamesTheExpectedHeader()
    {
        using SyntheticClassifyRun run = new();
        string[] lines = File.ReadAllLines(run.PathOf("projection.csv"));
        lines[0] = "epoch,k,frequency,output_abs,target_abs,delta_complex,delta_magnitude";
        File.WriteAllLines(run.PathOf("projection.csv"), lines);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => ClassifyRunFolderReader.Read(run.Directory));
        Assert.StartsWith($"projection.csv line 1: expected header \"{ProjectionRow.Csv.Header}\"", e.Message);
    }

    [Fact]
    public void Read_SummaryWithoutVerdict_NamesFileAndProperty()
    {
        using SyntheticClassifyRun run = new();
        string summary = File.ReadAllText(run.PathOf("summary.json"));
        int at = summary.LastIndexOf("\"verdict\"", StringComparison.Ordinal);
        run.Write("summary.json", summary[..summary.LastIndexOf(',', at)] + "\n}\n");

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => ClassifyRunFolderReader.Read(run.Directory));
        Assert.StartsWith("summary.json: ", e.Message);
        Assert.Contains("verdict", e.Message);
    }

    [Fact]
    public void Read_SummaryWithUnknownErrorForm_IsRejected()
    {
        using SyntheticClassifyRun run = new();
        string summary = File.ReadAllText(run.PathOf("summary.json"));
        run.Write("summary.json", summary.Replace("\"errorForm\": \"complex\"", "\"errorForm\": \"phase\"", StringComparison.Ordinal));

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => ClassifyRunFolderReader.Read(run.Directory));
        Assert.Equal("summary.json: projection.errorForm \"phase\" is neither \"complex\" nor \"magnitude\"", e.Message);
    }

    [Fact]
    public void Read_SummaryWithUnknownPropertiesAndNaN_IsReadTolerantly()
    {
        using SyntheticClassifyRun run = new();
        string summary = File.ReadAllText(run.PathOf("summary.json"));
        run.Write("summary.json", summary
            .Replace("\"finished\": true,", "\"finished\": true, \"futureField\": [1, 2],", StringComparison.Ordinal)
            .Replace("\"spectralBiasIndex\": 1,", "\"spectralBiasIndex\": null,", StringComparison.Ordinal));

        ClassifyRunData data = ClassifyRunFolderReader.Read(run.Directory);
        Assert.Null(data.Summary!.Projection!.SpectralBiasIndex);
        Assert.Equal(run.Summary.Verdict, data.Summary.Verdict);
    }

    [Fact]
    public void Read_ConfigOfAnotherExperiment_IsRejected()
    {
        using SyntheticClassifyRun run = new();
        string config = File.ReadAllText(run.PathOf("config.json"));
        run.Write("config.json", config.Replace("\"experiment\": \"classify\"", "\"experiment\": \"fit1d\"", StringComparison.Ordinal));

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => ClassifyRunFolderReader.Read(run.Directory));
        Assert.Equal("config.json: \"experiment\" is \"fit1d\", not \"classify\"", e.Message);
    }

    [Fact]
    public void FitManifestWithoutEpochFields_ReadsThemAsNull()
    {
        using SyntheticRun run = new();
        ManifestView manifest = FitRunFolderReader.Read(run.Directory).Manifest;

        Assert.Null(manifest.EpochsCompleted);
        Assert.Null(manifest.EpochsPlanned);
        Assert.Null(manifest.Experiment);
        Assert.Equal(1000, manifest.StepsCompleted);
    }
}
