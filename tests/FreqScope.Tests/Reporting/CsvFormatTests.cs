using FreqScope.Core.Tables;
using Xunit;

namespace FreqScope.Tests.Reporting;

public sealed class CsvFormatTests
{
    public static TheoryData<double> Values =>
    [
        0.1, 1.0 / 3.0, -2.5e-300, double.Epsilon, double.MaxValue, double.MinValue, 1.2e-5, 123456789.123456789,
        0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void FormatThenParse_GivesBackTheSameBits(double value)
    {
        string text = CsvFormat.FormatDouble(value);
        double parsed = CsvFormat.ParseDouble(text, "x.csv", 2, "v");
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(parsed));
        Assert.DoesNotContain(",", text);
    }

    [Fact]
    public void NonFiniteValues_AreSpelledInfAndNan()
    {
        Assert.Equal("inf", CsvFormat.FormatDouble(double.PositiveInfinity));
        Assert.Equal("-inf", CsvFormat.FormatDouble(double.NegativeInfinity));
        Assert.Equal("nan", CsvFormat.FormatDouble(double.NaN));
        Assert.Equal("1.2E-05", CsvFormat.FormatDouble(1.2e-5));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1,5")]
    [InlineData("0x10")]
    public void ParseDouble_RejectsNonNumbers_NamingFileLineValueAndColumn(string text)
    {
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => CsvFormat.ParseDouble(text, "metrics.csv", 7, "test_loss"));
        Assert.Equal($"metrics.csv line 7: \"{text}\" is not a number (column test_loss)", e.Message);
    }

    [Fact]
    public void ParseInt64_RejectsFractions()
    {
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => CsvFormat.ParseInt64("1.5", "spectra.csv", 3, "step"));
        Assert.Equal("spectra.csv line 3: \"1.5\" is not an integer (column step)", e.Message);
    }
}
