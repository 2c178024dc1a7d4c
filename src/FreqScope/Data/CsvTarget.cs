using System.Globalization;
using FreqScope.Core;

namespace FreqScope.Data;

/// <summary>
/// Samples (x, y) read from a CSV file, linearly interpolated. The file has a header line naming its columns
/// (comma-separated, surrounding whitespace and double quotes ignored); blank lines are skipped; numbers use
/// <c>.</c> as decimal separator. Rows may come in any order; after sorting by x, the x values must be strictly
/// increasing. The function is defined on [<see cref="XMin"/>, <see cref="XMax"/>] only.
/// </summary>
public sealed class CsvTarget : ITargetFunction
{
    private readonly double[] _xs;
    private readonly double[] _ys;

    private CsvTarget(string filePath, double[] xs, double[] ys)
    {
        FilePath = filePath;
        _xs = xs;
        _ys = ys;
    }

    /// <summary>The file the samples came from.</summary>
    public string FilePath { get; }

    /// <summary>Smallest sample x.</summary>
    public double XMin => _xs[0];

    /// <summary>Largest sample x.</summary>
    public double XMax => _xs[^1];

    /// <summary>The sample x values, ascending.</summary>
    public IReadOnlyList<double> Xs => _xs;

    /// <summary>The sample y values, in the order of <see cref="Xs"/>.</summary>
    public IReadOnlyList<double> Ys => _ys;

    /// <summary>The most bytes a CSV target may hold (64 MiB, over a million samples): a larger file, or a device that never ends, is refused after that many.</summary>
    public const int MaxFileBytes = 64 << 20;

    /// <summary>Reads columns <paramref name="xColumn"/> and <paramref name="yColumn"/> of <paramref name="filePath"/> (UTF-8, or as its byte order mark says).</summary>
    /// <exception cref="DataFileException">The file is missing, a folder, larger than <see cref="MaxFileBytes"/>, binary, malformed, or has fewer than two samples or a repeated x.</exception>
    public static CsvTarget Load(string filePath, string xColumn = "x", string yColumn = "y")
    {
        ArgumentNullException.ThrowIfNull(filePath);
        var bytes = DataFileBytes.ReadUpTo(filePath, MaxFileBytes, "a CSV file", out bool more);
        if (more) throw new DataFileException(filePath, null, $"the file holds more than {MaxFileBytes >> 20} MiB; expected a CSV table of samples");
        int zero = Array.IndexOf(bytes, (byte)0);
        if (zero >= 0) throw new DataFileException(filePath, null, $"holds binary data (a zero byte at offset {zero}); expected a CSV text file");
        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return Parse(lines, filePath, xColumn, yColumn);
    }

    /// <summary>Parses CSV <paramref name="lines"/>; <paramref name="filePath"/> names them in messages.</summary>
    /// <exception cref="DataFileException">The lines are malformed, or have fewer than two samples or a repeated x.</exception>
    public static CsvTarget Parse(IReadOnlyList<string> lines, string filePath, string xColumn = "x", string yColumn = "y")
    {
        ArgumentNullException.ThrowIfNull(lines);
        var headerIndex = 0;
        while (headerIndex < lines.Count && string.IsNullOrWhiteSpace(lines[headerIndex])) headerIndex++;
        if (headerIndex == lines.Count) throw new DataFileException(filePath, null, $"the file is empty; expected a header line with columns \"{xColumn}\" and \"{yColumn}\"");

        var header = Split(lines[headerIndex]);
        var xi = Array.IndexOf(header, xColumn);
        var yi = Array.IndexOf(header, yColumn);
        foreach (var (name, index) in new[] { (xColumn, xi), (yColumn, yi) })
        {
            if (index < 0)
            {
                throw new DataFileException(filePath, headerIndex + 1, $"no column \"{name}\" in the header; columns: {PrintableText.Escape(string.Join(", ", header), 120)}");
            }
        }

        var xs = new List<double>();
        var ys = new List<double>();
        var lineOf = new List<int>();
        for (var i = headerIndex + 1; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var fields = Split(lines[i]);
            var needed = Math.Max(xi, yi) + 1;
            if (fields.Length < needed)
            {
                throw new DataFileException(filePath, i + 1, $"{fields.Length} field(s), expected at least {needed} (columns \"{xColumn}\" and \"{yColumn}\" are fields {xi + 1} and {yi + 1})");
            }

            xs.Add(ParseNumber(fields[xi], xColumn, filePath, i + 1));
            ys.Add(ParseNumber(fields[yi], yColumn, filePath, i + 1));
            lineOf.Add(i + 1);
        }

        if (xs.Count < 2) throw new DataFileException(filePath, null, $"{xs.Count} sample(s); at least 2 are needed to interpolate");

        var order = Enumerable.Range(0, xs.Count).OrderBy(k => xs[k]).ToArray();
        var sortedX = order.Select(k => xs[k]).ToArray();
        var sortedY = order.Select(k => ys[k]).ToArray();
        for (var k = 1; k < sortedX.Length; k++)
        {
            if (sortedX[k] == sortedX[k - 1])
            {
                var first = Math.Min(lineOf[order[k - 1]], lineOf[order[k]]);
                var second = Math.Max(lineOf[order[k - 1]], lineOf[order[k]]);
                throw new DataFileException(filePath, second, $"x = {Formatting.Exact(sortedX[k])} appears again (first on line {first}); x values must be strictly increasing after sorting");
            }
        }

        return new CsvTarget(filePath, sortedX, sortedY);
    }

    /// <summary>Throws unless the samples cover [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="DataFileException">The domain reaches outside [<see cref="XMin"/>, <see cref="XMax"/>].</exception>
    public void EnsureCovers(double min, double max)
    {
        if (min < XMin || max > XMax)
        {
            throw new DataFileException(FilePath, null,
                $"the samples cover x in [{Formatting.Exact(XMin)}, {Formatting.Exact(XMax)}], which does not contain the domain [{Formatting.Exact(min)}, {Formatting.Exact(max)}]");
        }
    }

    /// <summary>The linear interpolation of the samples at <paramref name="x"/>; exact at the samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> lies outside [<see cref="XMin"/>, <see cref="XMax"/>].</exception>
    public double Evaluate(double x)
    {
        if (!(x >= XMin && x <= XMax))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x,
                $"{FilePath}: x = {Formatting.Exact(x)} is outside the samples' range [{Formatting.Exact(XMin)}, {Formatting.Exact(XMax)}]");
        }

        var index = Array.BinarySearch(_xs, x);
        if (index >= 0) return _ys[index];
        var right = ~index;
        var left = right - 1;
        var t = (x - _xs[left]) / (_xs[right] - _xs[left]);
        return _ys[left] + t * (_ys[right] - _ys[left]);
    }

    /// <inheritdoc />
    public string Describe() => $"linear interpolation of {_xs.Length} samples from {FilePath}";

    private static string[] Split(string line) =>
        line.Split(',').Select(f => f.Trim().Trim('"').Trim()).ToArray();

    private static double ParseNumber(string field, string column, string filePath, int line)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new DataFileException(filePath, line, $"\"{PrintableText.Escape(field, 60)}\" in column \"{column}\" is not a finite number");
        }

        return value;
    }
}
