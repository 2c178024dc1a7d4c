using FreqScope.Core.Tables;
using FreqScope.Experiments.Classify;
using FreqScope.Experiments.Fit1d;
using FreqScope.Experiments.FourierFeatures;
using FreqScope.Experiments.Ntk;
using FreqScope.Experiments.Poisson;
using FreqScope.Tests.Support;
using Xunit;

namespace FreqScope.Tests.Core;

public sealed class CsvRowsTests
{
    /// <summary>A row of every column type, one column renamed, one text column with allowed values.</summary>
    public sealed record Sample(long Step, [CsvColumn(What = "bin index")] int Bin, double TrainLoss, double? Maybe, [CsvColumn("e_low")] double LowError, [CsvColumn(Values = ["a", "b"])] string Tag);

    private static readonly CsvRows<Sample> Rows = new("sample.csv");

    [Fact]
    public void Header_IsTheParametersInSnakeCase_InOrder_WithRenames()
    {
        Assert.Equal("step,bin,train_loss,maybe,e_low,tag", Rows.Header);
        Assert.Equal("sample.csv", Rows.File);
    }

    [Fact]
    public void Write_ThenParse_ReturnsEqualRows_IncludingNullInfAndNan()
    {
        Sample[] rows =
        [
            new(0, 3, 0.1, null, double.NaN, "a"),
            new(long.MaxValue, int.MaxValue, double.PositiveInfinity, -2.5e-300, double.NegativeInfinity, "b"),
            new(7, 0, 1.0 / 3.0, 0.0, double.Epsilon, "a"),
        ];
        string text = Rows.Write(rows);
        Assert.Equal("step,bin,train_loss,maybe,e_low,tag\n0,3,0.1,,nan,a\n", text[..(text.IndexOf('\n', 37) + 1)]);
        Assert.Equal(rows, Rows.Parse(text));
    }

    [Theory]
    [InlineData("1,2,x,,0,a", "sample.csv line 2: \"x\" is not a number (column train_loss)")]
    [InlineData("1.5,2,0,,0,a", "sample.csv line 2: \"1.5\" is not an integer (column step)")]
    [InlineData("-1,2,0,,0,a", "sample.csv line 2: \"-1\" is not a valid step (column step)")]
    [InlineData("1,2147483648,0,,0,a", "sample.csv line 2: \"2147483648\" is not a valid bin index (column bin)")]
    [InlineData("1,2,0,,0,c", "sample.csv line 2: \"c\" is not a or b (column tag)")]
    [InlineData("1,2,0,0,a", "sample.csv line 2: expected 6 fields (step,bin,train_loss,maybe,e_low,tag), found 5: \"1,2,0,0,a\"")]
    public void Parse_BadField_NamesFileLineValueAndColumn(string line, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => Rows.Parse(Rows.Header + "\n" + line + "\n"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Parse_WrongHeaderOrInnerEmptyLine_IsRefused()
    {
        var header = Assert.Throws<InvalidDataException>(() => Rows.Parse("step,bin\n"));
        Assert.Equal("sample.csv line 1: expected header \"step,bin,train_loss,maybe,e_low,tag\", found \"step,bin\"", header.Message);
        var empty = Assert.Throws<InvalidDataException>(() => Rows.Parse(Rows.Header + "\n1,2,0,,0,a\n\n1,2,0,,0,a\n"));
        Assert.Equal("sample.csv line 3: empty line inside the data", empty.Message);
        Assert.Single(Rows.Parse("\uFEFF" + Rows.Header + "\r\n1,2,0,,0,a\r\n\n"));
    }

    [Fact]
    public void AGivenHeader_NamesASubset_AndTheOtherParametersTakeTheirDefaults()
    {
        var subset = new CsvRows<Sample>("subset.csv", "e_low,step");
        var rows = subset.Parse("e_low,step\n0.5,9\n");
        Assert.Equal(new Sample(9, 0, 0, null, 0.5, ""), Assert.Single(rows));
        Assert.Equal("0.5,9", subset.Format(rows[0]));
        Assert.Throws<ArgumentException>(() => new CsvRows<Sample>("bad.csv", "step,nope"));
    }

    /// <summary>A row whose text column allows one value.</summary>
    public sealed record OneValue([CsvColumn(Values = ["only"])] string Tag);

    [Fact]
    public void ATextColumnOfOneAllowedValue_NamesThatValue()
    {
        var e = Assert.Throws<InvalidDataException>(() => new CsvRows<OneValue>("one.csv").Parse("tag\nother\n"));
        Assert.Equal("one.csv line 2: \"other\" is not only (column tag)", e.Message);
    }

    [Theory]
    [InlineData("a,b")]
    [InlineData("a\nb")]
    public void TextThatWouldBreakTheFile_IsRefusedWhenWritten(string tag)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Rows.Format(new Sample(1, 2, 0, null, 0, tag)));
        Assert.Contains("cannot be a CSV field of column tag", e.Message);
    }

    /// <summary>A record with a column type CSV files do not hold.</summary>
    public sealed record Unsupported(long Step, bool Flag);

    [Fact]
    public void AColumnOfAnotherType_IsRefusedWhenTheTableIsDescribed()
    {
        var e = Assert.Throws<ArgumentException>(() => new CsvRows<Unsupported>("unsupported.csv"));
        Assert.Equal("Unsupported.Flag: a CSV column is long, int, double, double? or string, not Boolean", e.Message);
    }

    [Fact]
    public void TheCheck_RefusesRowsTheColumnRulesAccept()
    {
        var checkedRows = new CsvRows<Sample>("checked.csv", check: (row, fields, file, line) =>
        {
            if (row.TrainLoss > 1) throw new InvalidDataException($"{file} line {line}: \"{fields[2]}\" is above 1");
        });
        Assert.Single(checkedRows.Parse(Rows.Header + "\n1,2,0.5,,0,a\n"));
        var e = Assert.Throws<InvalidDataException>(() => checkedRows.Parse(Rows.Header + "\n1,2,1e1,,0,a\n"));
        Assert.Equal("checked.csv line 2: \"1e1\" is above 1", e.Message);
    }

    /// <summary>The headers documented in docs/run-folder.md, spelled out: the row types must keep producing them.</summary>
    [Fact]
    public void TheRunFolderHeaders_AreTheDocumentedOnes()
    {
        Assert.Equal("step,k,frequency,output_abs,target_abs,delta_complex,delta_magnitude", SpectrumRow.Csv.Header);
        Assert.Equal("epoch,step,learning_rate,train_loss,train_accuracy,test_loss,test_accuracy", ClassifyMetricRow.Csv.Header);
        Assert.Equal("epoch,delta,e_low,e_high", FilteringRow.Csv.Header);
        Assert.Equal("step,xi,network_re,network_im", FourierSpectrumRow.Csv.Header);
        Assert.Equal("step,xi,pde_re,pde_im", FourierSpectrumRow.PdeCsv.Header);
        Assert.Equal("step,loss_real,loss_linear,discrepancy,test_loss_real,test_loss_linear,test_discrepancy", NtkTrajectoryRow.Csv.Header);
        Assert.Equal("x,discrete,exact,network", PoissonSolutionRow.Solution1dCsv.Header);
        Assert.Equal("x,y,discrete,exact,network", PoissonSolutionRow.Solution2dCsv.Header);
    }

    /// <summary>Every CSV a row type describes is documented with its header and file name.</summary>
    [Fact]
    public void EveryRowTypesHeader_IsInTheRunFolderDocs()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "run-folder.md"));
        var described = typeof(SpectrumRow).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(CsvRows<>))
            .Select(p => p.GetValue(null)!)
            .Select(rows => ((string)rows.GetType().GetProperty("File")!.GetValue(rows)!, (string)rows.GetType().GetProperty("Header")!.GetValue(rows)!))
            .ToList();
        Assert.True(described.Count >= 28, $"{described.Count} row descriptions");
        Assert.All(described, d =>
        {
            Assert.Contains("`" + d.Item1 + "`", doc);
            Assert.Contains("`" + d.Item2 + "`", doc);
        });
    }
}
