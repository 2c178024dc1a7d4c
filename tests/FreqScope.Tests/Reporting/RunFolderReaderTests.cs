using FreqScope.Core.Tables;
using FreqScope.Reporting;
using FreqScope.Experiments.Fit1d;
using Xunit;

namespace FreqScope.Tests.Reporting;

public sealed class RunFolderReaderTests
{
    [Fact]
    public void Read_RoundTripsEveryNumberExactly_IncludingInfAndNan()
    {
        using SyntheticRun run = new();
        double[] tricky = [0.1, 1.0 / 3.0, double.Epsilon, 1e308, double.PositiveInfinity, double.NaN, double.NegativeInfinity, -0.0];
        string metrics = MetricRow.Csv.Header + "\n" + string.Concat(tricky.Select((v, i) =>
            $"{i * 100},{CsvFormat.FormatDouble(v)},{CsvFormat.FormatDouble(v / 7)}\n"));
        run.Write("metrics.csv", metrics);

        FitRunData data = FitRunFolderReader.Read(run.Directory);

        Assert.Equal(tricky.Length, data.Metrics.Count);
        for (int i = 0; i < tricky.Length; i++)
        {
            Assert.Equal(i * 100L, data.Metrics[i].Step);
            Assert.Equal(BitConverter.DoubleToInt64Bits(tricky[i]), BitConverter.DoubleToInt64Bits(data.Metrics[i].TrainLoss));
            Assert.Equal(BitConverter.DoubleToInt64Bits(tricky[i] / 7), BitConverter.DoubleToInt64Bits(data.Metrics[i].TestLoss));
        }

        SpectrumRow k0 = data.Spectra.First(r => r.Step == 0 && r.K == 0);
        Assert.True(double.IsPositiveInfinity(k0.DeltaComplex));
        Assert.Equal(0.0, k0.TargetAbs);
        SpectrumRow k3 = data.Spectra.First(r => r.Step == 300 && r.K == 3);
        Assert.Equal(SyntheticRun.Deltas(3, 300).Complex, k3.DeltaComplex);
        Assert.Equal(SyntheticRun.Deltas(3, 300).Magnitude, k3.DeltaMagnitude);
    }

    [Fact]
    public void Read_ParsesManifestSummaryConfigAndOutputs()
    {
        using SyntheticRun run = new();
        FitRunData data = FitRunFolderReader.Read(run.Directory);

        Assert.Equal("finished", data.Manifest.Status);
        Assert.True(data.IsFinished);
        Assert.Equal(1000, data.Manifest.StepsCompleted);
        Assert.Equal(60.1, data.Manifest.WallSeconds);
        Assert.Null(data.Manifest.GitCommit);
        Assert.Equal("synthetic-3-peaks", data.Name);
        Assert.Equal(0.05, data.ConfigEpsilon);
        Assert.Equal("complex", data.ConfigErrorForm);
        Assert.NotNull(data.Summary);
        Assert.Equal([1, 3, 5], data.Summary.Peaks.Select(p => p.Index));
        Assert.Equal([200L, 400L, 700L], data.Summary.Peaks.Select(p => p.ConvergedAtStep!.Value));
        Assert.Equal(11, data.ProbeSteps.Length);
        Assert.Equal(SyntheticRun.Keep, data.KeptIndices.Length);
        Assert.Equal([0L, 500L, 1000L], data.SnapshotSteps);
        Assert.Equal(3 * SyntheticRun.GridPoints, data.Outputs!.Count);
    }

    [Fact]
    public void Read_BadNumber_NamesFileLineValueAndColumn()
    {
        using SyntheticRun run = new();
        string[] lines = File.ReadAllLines(run.PathOf("metrics.csv"));
        lines[6] = "500,0.25,abc"; // line 7 of the file
        File.WriteAllLines(run.PathOf("metrics.csv"), lines);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FitRunFolderReader.Read(run.Directory));
        Assert.Equal("metrics.csv line 7: \"abc\" is not a number (column test_loss)", e.Message);
    }

    [Fact]
    public void Read_BadStepInSpectra_NamesLineAndColumn()
    {
        using SyntheticRun run = new();
        string[] lines = File.ReadAllLines(run.PathOf("spectra.csv"));
        lines[4] = "1e2" + lines[4][lines[4].IndexOf(',')..];
        File.WriteAllLines(run.PathOf("spectra.csv"), lines);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FitRunFolderReader.Read(run.Directory));
        Assert.Equal("spectra.csv line 5: \"1e2\" is not an integer (column step)", e.Message);
    }

    [Fact]
    public void Read_WrongFieldCount_NamesLine()
    {
        using SyntheticRun run = new();
        File.AppendAllText(run.PathOf("outputs.csv"), "1000,0.5,0.1\n");

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FitRunFolderReader.Read(run.Directory));
        Assert.StartsWith($"outputs.csv line {(3 * SyntheticRun.GridPoints) + 2}: expected 4 fields", e.Message);
    }

    [Theory]
    [InlineData("metrics.csv", "step,train_loss", "step,train_loss,test_loss")]
    [InlineData("spectra.csv", "step,k,frequency,output_abs,target_abs,delta_magnitude,delta_complex", "step,k,frequency,output_abs,target_abs,delta_complex,delta_magnitude")]
    [InlineData("outputs.csv", "x,step,target,output", "step,x,target,output")]
    public void Read_WrongHeader_IsRejectedNamingTheExpectedHeader(string file, string badHeader, string expected)
    {
        using SyntheticRun run = new();
        string[] lines = File.ReadAllLines(run.PathOf(file));
        lines[0] = badHeader;
        File.WriteAllLines(run.PathOf(file), lines);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FitRunFolderReader.Read(run.Directory));
        Assert.StartsWith($"{file} line 1: expected header \"{expected}\"", e.Message);
        Assert.Contains(badHeader, e.Message);
    }

    [Theory]
    [InlineData("manifest.json")]
    [InlineData("config.json")]
    [InlineData("metrics.csv")]
    [InlineData("spectra.csv")]
    public void Read_MissingRequiredFile_NamesIt(string file)
    {
        using SyntheticRun run = new();
        run.Delete(file);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FitRunFolderReader.Read(run.Directory));
        Assert.StartsWith(file + ": missing", e.Message);
    }

    [Fact]
    public void Read_UnfinishedRunWithoutOutputsOrSummary_Succeeds()
    {
        using SyntheticRun run = new(status: "interrupted", stepsCompleted: 500, stepsPlanned: 1000, writeSummary: false, writeOutputs: false);
        FitRunData data = FitRunFolderReader.Read(run.Directory);

        Assert.Null(data.Outputs);
        Assert.Null(data.Summary);
        Assert.False(data.IsFinished);
        Assert.Equal("interrupted", data.Manifest.Status);
        Assert.Equal(0.05, data.Epsilon);
    }

    [Fact]
    public void Read_MalformedJson_NamesFileAndLine()
    {
        using SyntheticRun run = new();
        run.Write("manifest.json", "{\n  \"status\": \"finished\",\n  \"stepsCompleted\": 12,,\n}");

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FitRunFolderReader.Read(run.Directory));
        Assert.StartsWith("manifest.json line 3: invalid JSON", e.Message);
    }

    [Fact]
    public void Read_ManifestWithBadValues_NamesKeyAndValue()
    {
        using SyntheticRun run = new();
        string manifest = File.ReadAllText(run.PathOf("manifest.json"));
        run.Write("manifest.json", manifest.Replace("\"stepsCompleted\": 1000", "\"stepsCompleted\": \"lots\"", StringComparison.Ordinal));

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FitRunFolderReader.Read(run.Directory));
        Assert.Equal("manifest.json: \"stepsCompleted\" is \"lots\", not an integer", e.Message);
    }

    [Fact]
    public void Read_UnknownErrorForm_IsRejected()
    {
        using SyntheticRun run = new();
        string config = File.ReadAllText(run.PathOf("config.json"));
        run.Write("config.json", config.Replace("\"errorForm\": \"complex\"", "\"errorForm\": \"phase\"", StringComparison.Ordinal));

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FitRunFolderReader.Read(run.Directory));
        Assert.Contains("config.json", e.Message);
        Assert.Contains("\"phase\"", e.Message);
    }

    [Theory]
    [InlineData("\"errorForm\": \"complex\"", "\"errorForm\": \"phase\"", "summary.json: errorForm \"phase\" is neither \"complex\" nor \"magnitude\"")]
    [InlineData("{ \"index\": 3,", "{ \"index\": -3,", "summary.json: peaks[1].index -3 is not a valid DFT index")]
    [InlineData("{ \"index\": 3,", "null, { \"index\": 3,", "summary.json: peaks[1] is not an object")]
    public void Read_SummaryWithBadValues_NamesKeyAndValue(string find, string replace, string expected)
    {
        using SyntheticRun run = new();
        string summary = File.ReadAllText(run.PathOf("summary.json"));
        Assert.Contains(find, summary, StringComparison.Ordinal);
        run.Write("summary.json", summary.Replace(find, replace, StringComparison.Ordinal));

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FitRunFolderReader.Read(run.Directory));
        Assert.Equal(expected, e.Message);
    }

    [Theory]
    [InlineData("\"index\": 3, ")]
    [InlineData("\"frequency\": 3.0, ")]
    [InlineData("\"verdict\"")]
    public void Read_SummaryMissingARequiredValue_IsRefusedNamingTheFile(string removed)
    {
        using SyntheticRun run = new();
        string summary = File.ReadAllText(run.PathOf("summary.json"));
        string edited = removed == "\"verdict\""
            ? System.Text.RegularExpressions.Regex.Replace(summary, ",\\s*\"verdict\": \"[^\"]*\"", string.Empty)
            : summary.Replace(removed, string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(summary, edited);
        run.Write("summary.json", edited);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FitRunFolderReader.Read(run.Directory));
        Assert.StartsWith("summary.json: ", e.Message);
        Assert.Contains(removed.Split('"')[1], e.Message);
    }

    [Fact]
    public void Read_SummaryTheoryWithBadWeights_NamesTheSection()
    {
        using SyntheticRun run = new();
        string summary = File.ReadAllText(run.PathOf("summary.json"));
        run.Write("summary.json", summary.Replace("\"verdict\"", "\"theory\": { \"firstLayerWeights\": { \"distribution\": \"normal\", \"std\": -1, \"source\": \"test\" } },\n  \"verdict\"", StringComparison.Ordinal));

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FitRunFolderReader.Read(run.Directory));
        Assert.Equal("summary.json: theory: firstLayerWeights.std -1 is not a finite number > 0", e.Message);
    }

    [Fact]
    public void Read_SummaryOfADivergedRun_KeepsItsNaNAndInfiniteLosses()
    {
        // The run writes non-finite numbers as System.Text.Json's named literals; the reader must take them back.
        using SyntheticRun run = new();
        string summary = File.ReadAllText(run.PathOf("summary.json"));
        run.Write("summary.json", summary
            .Replace("\"finalTrainLoss\": 1.2e-5", "\"finalTrainLoss\": \"NaN\"", StringComparison.Ordinal)
            .Replace("\"finalTestLoss\": 1.3e-5", "\"finalTestLoss\": \"Infinity\"", StringComparison.Ordinal));

        FitRunData data = FitRunFolderReader.Read(run.Directory);

        Assert.True(double.IsNaN(data.Summary!.FinalTrainLoss));
        Assert.True(double.IsPositiveInfinity(data.Summary.FinalTestLoss));
    }
}
