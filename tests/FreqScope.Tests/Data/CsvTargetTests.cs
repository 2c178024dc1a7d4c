using FreqScope.Experiments.Fit1d;
using FreqScope.Core;
using FreqScope.Data;
using FreqScope.Experiments;
using Xunit;

namespace FreqScope.Tests.Data;

public sealed class CsvTargetTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("freqscope-csv-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void InterpolatesLinearlyBetweenSortedSamples()
    {
        var f = CsvTarget.Load(Write("t.csv", "x,y\n1,10\n0,0\n\n2,0\n4,-4\n"));
        Assert.Equal([0, 1, 2, 4], f.Xs);
        Assert.Equal([0, 10, 0, -4], f.Ys);
        Assert.Equal(0, f.Evaluate(0));
        Assert.Equal(2.5, f.Evaluate(0.25));
        Assert.Equal(10, f.Evaluate(1));
        Assert.Equal(5, f.Evaluate(1.5));
        Assert.Equal(-1, f.Evaluate(2.5));
        Assert.Equal(-4, f.Evaluate(4));
        Assert.Equal((0.0, 4.0), (f.XMin, f.XMax));
        Assert.Contains("4 samples", f.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsNamedColumnsAmongOthers()
    {
        var f = CsvTarget.Load(Write("c.csv", "id, \"t\" ,value\na,0.5,1e1\nb,1.5,-2.5E-1\n"), "t", "value");
        Assert.Equal([0.5, 1.5], f.Xs);
        Assert.Equal([10, -0.25], f.Ys);
    }

    [Fact]
    public void EvaluatingOutsideTheSamplesNamesFileAndRange()
    {
        var path = Write("r.csv", "x,y\n0,0\n2,1\n");
        var f = CsvTarget.Load(path);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => f.Evaluate(2.5));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("[0, 2]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Evaluate(double.NaN));
    }

    [Fact]
    public void DomainOutsideTheSamplesIsAnError()
    {
        var path = Write("d.csv", "x,y\n0,0\n2,1\n");
        var config = FitExperiment.Parse(
            """{"target": {"kind": "csv", "csvPath": "d.csv"}, "data": {"domain": [-1, 1], "train": {"count": 5}}, "model": {"hidden": [4]}}""", "c.json");
        var e = Assert.Throws<DataFileException>(() => TargetFactory.Create(config.Target, _dir.FullName, config.Data.Domain));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("[0, 2]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[-1, 1]", e.Message, StringComparison.Ordinal);

        var inside = config with { Data = config.Data with { Domain = new(0, 2) } };
        var f = Assert.IsType<CsvTarget>(TargetFactory.Create(inside.Target, _dir.FullName, inside.Data.Domain));
        Assert.Equal(0.5, f.Evaluate(1));
    }

    [Fact]
    public void RelativePathsResolveAgainstTheBaseDirectory()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "sub"));
        Write(Path.Combine("sub", "s.csv"), "x,y\n0,1\n1,3\n");
        var target = new TargetConfig { Kind = TargetKind.Csv, CsvPath = Path.Combine("sub", "s.csv") };
        var f = Assert.IsType<CsvTarget>(TargetFactory.Create(target, _dir.FullName));
        Assert.Equal(2, f.Evaluate(0.5));
        var missing = Assert.Throws<DataFileException>(() => TargetFactory.Create(target with { CsvPath = "nope.csv" }, _dir.FullName));
        Assert.Equal(Path.Combine(_dir.FullName, "nope.csv"), missing.FilePath);
        Assert.Contains("file not found", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x,y\n0,1\n1,abc\n", 3, "\"abc\" in column \"y\" is not a finite number")]
    [InlineData("x,y\n0,1\n1;2,3\n", 3, "\"1;2\" in column \"x\" is not a finite number")]
    [InlineData("x,y\n0,NaN\n1,2\n", 2, "\"NaN\" in column \"y\"")]
    [InlineData("x,y\n0,1\n5\n", 3, "1 field(s), expected at least 2")]
    [InlineData("a,y\n0,1\n1,2\n", 1, "no column \"x\" in the header; columns: a, y")]
    [InlineData("x,y\n1,1\n0,2\n1,3\n", 4, "x = 1 appears again (first on line 2)")]
    public void ParseErrorsNameFileLineAndValue(string content, int line, string fragment)
    {
        var path = Write("bad.csv", content);
        var e = Assert.Throws<DataFileException>(() => CsvTarget.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"{path}:{line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("x,y\n0,1\n", "1 sample(s); at least 2")]
    public void TooLittleDataIsAnError(string content, string fragment)
    {
        var path = Write("small.csv", content);
        var e = Assert.Throws<DataFileException>(() => CsvTarget.Load(path));
        Assert.Null(e.Line);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }
}
