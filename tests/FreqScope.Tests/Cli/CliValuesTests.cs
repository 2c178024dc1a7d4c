using FreqScope.Cli;

namespace FreqScope.Tests.Cli;

public sealed class CliValuesTests
{
    [Theory]
    [InlineData("--steps", "12", 1, long.MaxValue, null)]
    [InlineData("--steps", "0", 1, long.MaxValue, "--steps 0 is out of range; expected an integer >= 1")]
    [InlineData("--steps", "1.5", 1, long.MaxValue, "--steps 1.5 is not an integer; expected an integer >= 1")]
    [InlineData("--steps", "", 1, long.MaxValue, "--steps  is not an integer; expected an integer >= 1")]
    [InlineData("--steps", "99999999999999999999", 1, long.MaxValue, "--steps 99999999999999999999 is out of range; expected an integer from 1 to 9223372036854775807")]
    [InlineData("--epochs", "2147483648", 1, int.MaxValue, "--epochs 2147483648 is out of range; expected an integer from 1 to 2147483647")]
    [InlineData("--epochs", "-99999999999999999999", 1, int.MaxValue, "--epochs -99999999999999999999 is out of range; expected an integer from 1 to 2147483647")]
    [InlineData("--seed", "-7", long.MinValue, long.MaxValue, null)]
    [InlineData("--seed", "x", long.MinValue, long.MaxValue, "--seed x is not an integer; expected an integer from -9223372036854775808 to 9223372036854775807")]
    public void IntegersAreCheckedWithTheOptionAndTheRangeNamed(string name, string token, long min, long max, string? expected)
    {
        Assert.Equal(expected, CliValues.Check(name, token, min, max, out long value));
        if (expected is null) Assert.Equal(long.Parse(token, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("--steps", "--steps", 0)]
    [InlineData("--stpes", "--steps", 1)]
    [InlineData("--step", "--steps", 1)]
    [InlineData("--sede", "--seed", 1)]
    [InlineData("--out", "--seed", 4)]
    [InlineData("", "abc", 3)]
    public void DistanceCountsEditsWithSwapsAsOne(string a, string b, int expected)
    {
        Assert.Equal(expected, CliValues.Distance(a, b));
        Assert.Equal(expected, CliValues.Distance(b, a));
    }
}
