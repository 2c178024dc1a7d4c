using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using FreqScope.Core.Runs;

namespace FreqScope.Core.Tables;

/// <summary>
/// The one description of a CSV file of a run folder whose rows are records of type <typeparamref name="T"/>: its
/// file name, header, writer and parser all follow from the record's primary constructor, so that they cannot drift
/// apart. A column is a constructor parameter, named in snake_case (<c>TrainLoss</c> → <c>train_loss</c>) unless a
/// <see cref="CsvColumnAttribute"/> names it; the header lists the columns in parameter order unless the file's own
/// header is given, in which case the parameters it does not name take their default (0, null or an empty string).
/// </summary>
/// <remarks>
/// Values: <see cref="long"/> and <see cref="int"/> columns hold non-negative integers (steps, epochs, indices) in
/// invariant digits; <see cref="double"/> columns round-trip (<see cref="CsvFormat.FormatDouble"/>, with
/// <c>nan</c>, <c>inf</c>, <c>-inf</c>); a <c>double?</c> column is empty for null; text is written as it is, and
/// text holding a comma or a line break is refused rather than written into a file it would break. Lines
/// end with <c>\n</c>. Every problem while reading is an <see cref="InvalidDataException"/> naming the file, the line,
/// the column and the value.
/// </remarks>
/// <typeparam name="T">A positional record of <see cref="long"/>, <see cref="int"/>, <see cref="double"/>,
/// <c>double?</c> and <see cref="string"/> parameters.</typeparam>
public sealed class CsvRows<T>
    where T : class
{
    private readonly Column[] _columns;
    private readonly Func<object?[], T> _create;
    private readonly Action<T, string[], string, int>? _check;
    private readonly object?[] _defaults;

    /// <summary>Describes <paramref name="file"/>.</summary>
    /// <param name="file">The file's name inside the run folder.</param>
    /// <param name="header">The file's header when it is not every parameter's first column name in order.</param>
    /// <param name="check">
    /// Called with each parsed row, its fields, the file's name and the line number, to refuse rows that pass the column rules but not
    /// the file's own (throw an <see cref="InvalidDataException"/>).
    /// </param>
    public CsvRows(string file, string? header = null, Action<T, string[], string, int>? check = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        File = file;
        _check = check;
        var ctor = typeof(T).GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var parameters = ctor.GetParameters();
        var all = parameters.Select((p, i) => Column.Of(p, i)).ToArray();
        if (header is null)
        {
            _columns = all;
        }
        else
        {
            _columns = [.. header.Split(',').Select(name => all.FirstOrDefault(c => c.Names.Contains(name)) is { } c
                ? c with { Name = name }
                : throw new ArgumentException($"{typeof(T).Name} has no column \"{name}\"", nameof(header)))];
        }

        Header = string.Join(',', _columns.Select(c => c.Name));
        var args = Expression.Parameter(typeof(object?[]), "args");
        _create = Expression.Lambda<Func<object?[], T>>(
            Expression.New(ctor, parameters.Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType))),
            args).Compile();
        _defaults = [.. parameters.Select(p => p.ParameterType == typeof(string) ? ""
            : p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null ? Activator.CreateInstance(p.ParameterType) : null)];
    }

    /// <summary>The file's name inside the run folder.</summary>
    public string File { get; }

    /// <summary>The header line (without its newline).</summary>
    public string Header { get; }

    /// <summary>A table of this file in <paramref name="runDir"/> that a run appends to and a checkpoint counts.</summary>
    public RunTable<T> Table(string runDir) => new(runDir, this);

    /// <summary>One data line (without its newline).</summary>
    public string Format(T row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var sb = new StringBuilder();
        for (int c = 0; c < _columns.Length; c++)
        {
            if (c > 0) sb.Append(',');
            sb.Append(_columns[c].Format(row));
        }

        return sb.ToString();
    }

    /// <summary>The whole file: the header and one line per row, each ending with <c>\n</c>.</summary>
    public string Write(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var row in rows) sb.Append(Format(row)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes the whole file into <paramref name="runDir"/> atomically.</summary>
    public void WriteFile(string runDir, IEnumerable<T> rows) => AtomicFile.WriteAllText(Path.Combine(runDir, File), Write(rows));

    /// <summary>The rows of the file in <paramref name="runDir"/>, which must exist.</summary>
    /// <exception cref="InvalidDataException">The file is missing or malformed.</exception>
    public T[] Read(string runDir) => Parse(RunFolder.ReadRequired(runDir, File));

    /// <summary>The rows of the file in <paramref name="runDir"/>, or null when it does not exist.</summary>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    public T[]? ReadOptional(string runDir) => RunFolder.ReadOptional(runDir, File) is { } text ? Parse(text) : null;

    /// <summary>
    /// Parses the file's text: the header must be <see cref="Header"/> (a byte-order mark and <c>\r</c> are allowed),
    /// every line has one field per column, and an empty line may only end the file.
    /// </summary>
    /// <exception cref="InvalidDataException">The text is malformed; the message names the file, line, column and value.</exception>
    public T[] Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.Split('\n');
        string first = lines[0].TrimEnd('\r').TrimStart('\uFEFF').Trim();
        if (first != Header)
            throw new InvalidDataException($"{File} line 1: expected header \"{Header}\", found \"{first}\"");

        var rows = new List<T>(lines.Length);
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            int lineNumber = i + 1;
            if (line.Length == 0)
            {
                if (lines.Skip(i + 1).Any(l => l.TrimEnd('\r').Length > 0))
                    throw new InvalidDataException($"{File} line {lineNumber}: empty line inside the data");
                break;
            }

            string[] fields = line.Split(',');
            if (fields.Length != _columns.Length)
                throw new InvalidDataException($"{File} line {lineNumber}: expected {_columns.Length} fields ({Header}), found {fields.Length}: \"{line}\"");
            var values = (object?[])_defaults.Clone();
            for (int c = 0; c < _columns.Length; c++) values[_columns[c].Index] = _columns[c].Parse(fields[c], File, lineNumber);
            var row = _create(values);
            _check?.Invoke(row, fields, File, lineNumber);
            rows.Add(row);
        }

        return [.. rows];
    }

    private sealed record Column(string Name, IReadOnlyList<string> Names, int Index, Type Type, string? What, string[]? Values, Func<T, string> Format)
    {
        public static Column Of(ParameterInfo p, int index)
        {
            var attribute = p.GetCustomAttribute<CsvColumnAttribute>();
            IReadOnlyList<string> names = attribute is { Names.Count: > 0 } ? attribute.Names : [SnakeCase(p.Name!)];
            var type = p.ParameterType;
            if (type != typeof(long) && type != typeof(int) && type != typeof(double) && type != typeof(double?) && type != typeof(string))
                throw new ArgumentException($"{typeof(T).Name}.{p.Name}: a CSV column is long, int, double, double? or string, not {type.Name}");
            var getter = (typeof(T).GetProperty(p.Name!) ?? throw new ArgumentException($"{typeof(T).Name} has no property {p.Name}")).GetMethod!;
            var column = names[0];
            Func<T, string> format = type == typeof(double) ? Typed<double>(getter, CsvFormat.FormatDouble)
                : type == typeof(double?) ? Typed<double?>(getter, v => v is double d ? CsvFormat.FormatDouble(d) : "")
                : type == typeof(long) ? Typed<long>(getter, v => v.ToString(CultureInfo.InvariantCulture))
                : type == typeof(int) ? Typed<int>(getter, v => v.ToString(CultureInfo.InvariantCulture))
                : Typed<string>(getter, v => v.AsSpan().IndexOfAny(",\r\n") < 0 ? v
                    : throw new InvalidOperationException($"{typeof(T).Name}.{p.Name}: \"{v}\" cannot be a CSV field of column {column} (it holds a comma or a line break)"));
            return new Column(column, names, index, type, attribute?.What, attribute?.Values, format);
        }

        /// <summary>The getter as a typed delegate (no boxing on the write path), composed with the value's formatting.</summary>
        private static Func<T, string> Typed<TValue>(MethodInfo getter, Func<TValue, string> format)
        {
            var get = getter.CreateDelegate<Func<T, TValue>>();
            return row => format(get(row));
        }

        public object? Parse(string text, string file, int line)
        {
            if (Type == typeof(double)) return CsvFormat.ParseDouble(text, file, line, Name);
            if (Type == typeof(double?)) return text.Trim().Length == 0 ? null : CsvFormat.ParseDouble(text, file, line, Name);
            if (Type == typeof(string))
            {
                if (Values is null || Values.Contains(text)) return text;
                string allowed = Values.Length == 1 ? Values[0] : $"{string.Join(", ", Values[..^1])} or {Values[^1]}";
                throw new InvalidDataException($"{file} line {line}: \"{text}\" is not {allowed} (column {Name})");
            }

            long value = CsvFormat.ParseInt64(text, file, line, Name);
            if (value < 0 || (Type == typeof(int) && value > int.MaxValue))
                throw new InvalidDataException($"{file} line {line}: \"{text}\" is not a valid {What ?? Name} (column {Name})");
            return Type == typeof(int) ? (object)(int)value : value;
        }

        private static string SnakeCase(string name) =>
            string.Concat(name.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(ch) : ch.ToString()));
    }
}
