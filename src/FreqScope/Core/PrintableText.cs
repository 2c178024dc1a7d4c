namespace FreqScope.Core;

/// <summary>Text taken from a file or a failure, made fit to print in a message.</summary>
public static class PrintableText
{
    /// <summary>
    /// <paramref name="text"/> with its control characters (a NUL, an escape, a carriage return; a line break unless
    /// <paramref name="keepLineBreaks"/>) written as <c>\xNN</c>, the replacement character of undecodable bytes and
    /// invisible format characters as <c>\uNNNN</c>, and cut to <paramref name="maxChars"/> characters with "…": bytes
    /// of a damaged file quoted in a message can then neither move the cursor nor change the terminal.
    /// </summary>
    public static string Escape(string text, int maxChars = int.MaxValue, bool keepLineBreaks = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new System.Text.StringBuilder(Math.Min(text.Length, 4096));
        int written = 0;
        foreach (char c in text)
        {
            if (written++ >= maxChars)
            {
                builder.Append('…');
                break;
            }

            if (c == '\n' && keepLineBreaks) builder.Append(c);
            else if (c < 0x20 || c is >= (char)0x7F and <= (char)0x9F) builder.Append($"\\x{(int)c:X2}");
            else if (c == '\uFFFD' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) builder.Append($"\\u{(int)c:X4}");
            else builder.Append(c);
        }

        return builder.ToString();
    }
}
