using FreqScope.Reporting;

namespace FreqScope.Tests.Reporting;

public sealed class PlotCanvasTests
{
    [Theory]
    [InlineData(0L, "0")]
    [InlineData(99_999L, "99999")]
    [InlineData(100_000L, "1e5")]
    [InlineData(1_726_080L, "1.7e6")]
    [InlineData(13_845_295L, "1.4e7")]
    public void ColumnTickLabelsAreShortForLargeIterations(long position, string label) =>
        Assert.Equal(label, PlotCanvas.TickLabel(position));
}
