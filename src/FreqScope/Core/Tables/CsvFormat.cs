using System.Globalization;

namespace FreqScope.Core.Tables;

/// <summary>
/// Number formatting shared by the run writer and the run-folder reader: invariant culture, round-trip
/// (<c>"R"</c>) precision, and the spellings <c>inf</c>, <c>-inf</c> and <c>nan</c> for non-finite values.
/// </summary>
public static class CsvFormat
{
    /// <summary>The spelling of positive infinity in the data files.</summary>
    public const string PositiveInfinity = "inf";

    /// <summary>The spelling of negative infinity in the data files.</summary>
    public const string NegativeInfinity = "-inf";

    /// <summary>The spelling of NaN in the data files.</summary>
    public const string NaN = "nan";

    /// <summary>
    /// Formats <paramref name="value"/> so that <see cref="ParseDouble"/> gives back exactly the same double:
    /// invariant culture, round-trip format, <c>inf</c>/<c>-inf</c>/<c>nan</c> for non-finite values.
    /// </summary>
    /// <param name="value">The value to format.</param>
    /// <returns>The text, e.g. <c>0.1</c>, <c>1.2E-05</c>, <c>inf</c>.</returns>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return NaN;
        }

        if (double.IsPositiveInfinity(value))
        {
            return PositiveInfinity;
        }

        if (double.IsNegativeInfinity(value))
        {
            return NegativeInfinity;
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Parses a number written by <see cref="FormatDouble"/> (also accepts <c>+inf</c> and any letter case of
    /// <c>inf</c>/<c>nan</c>).
    /// </summary>
    /// <param name="text">The field text.</param>
    /// <param name="file">The file name used in the error message (e.g. <c>metrics.csv</c>).</param>
    /// <param name="line">The 1-based line number used in the error message.</param>
    /// <param name="column">The column name used in the error message.</param>
    /// <returns>The parsed value.</returns>
    /// <exception cref="InvalidDataException">The text is not a number; the message names file, line, text and column.</exception>
    public static double ParseDouble(string text, string file, int line, string column)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.Equals(PositiveInfinity, StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("+inf", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        if (trimmed.Equals(NegativeInfinity, StringComparison.OrdinalIgnoreCase))
        {
            return double.NegativeInfinity;
        }

        if (trimmed.Equals(NaN, StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        if (trimmed.Length > 0
            && double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }

        throw new InvalidDataException($"{file} line {line}: \"{text}\" is not a number (column {column})");
    }

    /// <summary>Parses an integer field (a step or a DFT index).</summary>
    /// <param name="text">The field text.</param>
    /// <param name="file">The file name used in the error message.</param>
    /// <param name="line">The 1-based line number used in the error message.</param>
    /// <param name="column">The column name used in the error message.</param>
    /// <returns>The parsed value.</returns>
    /// <exception cref="InvalidDataException">The text is not an integer; the message names file, line, text and column.</exception>
    public static long ParseInt64(string text, string file, int line, string column)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }

        throw new InvalidDataException($"{file} line {line}: \"{text}\" is not an integer (column {column})");
    }
}
