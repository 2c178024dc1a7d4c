using System.Net;
using System.Text.RegularExpressions;

namespace FreqScope.Tests.Reporting;

/// <summary>Reads pieces of a report.html back for assertions.</summary>
internal static partial class ReportHtmlText
{
    /// <summary>The text of the first element inside &lt;body&gt;.</summary>
    public static string FirstBodyText(string html)
    {
        Match match = FirstBodyElement().Match(html);
        Assert.True(match.Success, "no element after <body>");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex(@"<body>\s*<(?:p|div)\b[^>]*>([^<]*)<")]
    private static partial Regex FirstBodyElement();

    /// <summary>The verdict paragraph; group 1 is its text.</summary>
    [GeneratedRegex("<p class=\"verdict\" id=\"verdict\">([^<]*)</p>")]
    public static partial Regex VerdictParagraph();
}
