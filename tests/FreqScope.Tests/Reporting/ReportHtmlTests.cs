using System.Text;
using FreqScope.Reporting;

namespace FreqScope.Tests.Reporting;

public sealed class ReportHtmlTests
{
    [Fact]
    public void ATableEncodesItsCellsAndWritesItsHeadingsAsHtml()
    {
        var html = new StringBuilder();
        ReportHtml.AppendTable(html, "t", ["a &lt; b", "|û|"], [["1 < 2", "x & y"], ["3.2×", "n/a"]]);
        Assert.Equal(
            "<table class=\"peaks\" id=\"t\">\n<tr><th>a &lt; b</th><th>|û|</th></tr>\n"
            + "<tr><td>1 &lt; 2</td><td>x &amp; y</td></tr>\n<tr><td>3.2&#215;</td><td>n/a</td></tr>\n</table>\n",
            html.ToString());
    }

    [Fact]
    public void ARowWithTheWrongNumberOfCellsIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => ReportHtml.AppendTable(new StringBuilder(), null, ["a", "b"], [["1", "2"], ["3"]]));
        Assert.StartsWith("a row of 1 cells in a table of 2 columns", e.Message);
    }

    [Fact]
    public void KeyValuesAreATwoColumnFactsTableWithBothSidesEncoded()
    {
        var html = new StringBuilder();
        ReportHtml.AppendKeyValues(html, null, [("ε <", "1e-3 & more")]);
        Assert.Equal("<table class=\"facts\">\n<tr><th>ε &lt;</th><td>1e-3 &amp; more</td></tr>\n</table>\n", html.ToString());
    }
}
