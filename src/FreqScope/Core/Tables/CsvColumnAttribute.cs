namespace FreqScope.Core.Tables;

/// <summary>
/// How a parameter of a row record appears in its CSV file (see <see cref="CsvRows{T}"/>): its column names (the
/// first one is written; any of them is read, for a record stored in files whose headers differ), what an integer
/// value is called in an error message, and the values a text column may take.
/// </summary>
/// <param name="names">The column's names; none keeps the parameter's name in snake_case.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class CsvColumnAttribute(params string[] names) : Attribute
{
    /// <summary>The column's names, the written one first (empty: the parameter's name in snake_case).</summary>
    public IReadOnlyList<string> Names { get; } = names;

    /// <summary>An integer column's noun in the message "\"-1\" is not a valid WHAT" (null: the column's name).</summary>
    public string? What { get; init; }

    /// <summary>The values a text column may take (null: any text without a comma).</summary>
    public string[]? Values { get; init; }
}
