using System.Globalization;

namespace FreqScope.Sweeps;

/// <summary>
/// The lines a member's child process (<c>freqscope sweep member … --progress-lines</c>) prints for its parent:
/// <c>@start ACTION</c> once, then <c>@progress FRACTION TEXT</c>; anything else is ordinary output (the log).
/// </summary>
public static class MemberProtocol
{
    /// <summary>The prefix of the line naming what happens to the member (run, resume, rerun, skip).</summary>
    public const string Start = "@start ";

    /// <summary>The prefix of a progress line.</summary>
    public const string Progress = "@progress ";

    /// <summary>The start line for <paramref name="action"/>.</summary>
    public static string StartLine(string action) => Start + action;

    /// <summary>A progress line: the fraction with 4 decimals, then the text on one line.</summary>
    public static string ProgressLine(double fraction, string text) =>
        Progress + fraction.ToString("F4", CultureInfo.InvariantCulture) + " " + text.ReplaceLineEndings(" ");

    /// <summary>Parses a progress line; false for any other line.</summary>
    public static bool TryParseProgress(string line, out double fraction, out string text)
    {
        fraction = 0;
        text = "";
        if (!line.StartsWith(Progress, StringComparison.Ordinal)) return false;
        var rest = line[Progress.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var number = space < 0 ? rest : rest[..space];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out fraction)) return false;
        text = space < 0 ? "" : rest[(space + 1)..];
        return true;
    }
}
