using System.Globalization;
using System.Text;
using FreqScope.Core.Tables;

namespace FreqScope.Core.Runs;

/// <summary>
/// Reads the scalars of one <see cref="ScalarSeries"/> from its table, from where it last stopped and whole lines only,
/// as a running run writes it (<see cref="TensorBoardCallback"/>, <c>freqscope watch</c>).
/// </summary>
/// <param name="runDir">The run folder.</param>
/// <param name="series">The table and its columns.</param>
public sealed class ScalarReader(string runDir, ScalarSeries series)
{
    private readonly string _path = Path.Combine(runDir, series.File);
    private long _offset;
    private int _line;
    private string[]? _header;
    private int _step = -1;
    private int[] _keys = [];
    private int[] _values = [];
    private IReadOnlySet<string>? _kept;
    private bool _keptChosen;
    private readonly List<(string[] Fields, int Line)> _firstStep = [];
    private readonly string _stem = Path.GetFileNameWithoutExtension(series.File);

    /// <summary>
    /// The scalars of the rows written since the last call, in file order; with <paramref name="end"/> also those held
    /// back to choose the kept keys (<see cref="ScalarSeries.KeepKeys"/>) when no second step has come.
    /// </summary>
    public IReadOnlyList<(string Tag, int Step, float Value)> NewScalars(bool end)
    {
        var lines = ReadNewLines();
        var scalars = new List<(string, int, float)>();
        foreach (var (number, line) in lines)
        {
            if (_header is null)
            {
                _header = line.TrimStart('\uFEFF').Split(',');
                _step = Array.IndexOf(_header, series.Step);
                _keys = [.. series.Keys.Select(k => Array.IndexOf(_header, k))];
                _values = [.. series.Values.Select(v => Array.IndexOf(_header, v))];
                if (_step < 0 || _keys.Any(i => i < 0) || _values.Any(i => i < 0))
                    throw new InvalidOperationException($"{series.File}: its header \"{line}\" lacks a column of the TensorBoard series");
                continue;
            }

            string[] fields = line.Split(',');
            if (series.KeepKeys is not null && !_keptChosen)
            {
                // The first step's rows choose the keys; they are written once the next step begins (or at the end).
                if (_firstStep.Count == 0 || _firstStep[0].Fields[_step] == fields[_step])
                {
                    _firstStep.Add((fields, number));
                    continue;
                }

                ChooseKeys(scalars);
            }

            Add(fields, number, scalars);
        }

        if (end && !_keptChosen && _firstStep.Count > 0) ChooseKeys(scalars);
        return scalars;
    }

    /// <summary>Writes the held first step's rows even when no second step follows (a run with one probe).</summary>
    private void ChooseKeys(List<(string, int, float)> scalars)
    {
        _kept = series.KeepKeys!(_header!, [.. _firstStep.Select(r => r.Fields)]);
        _keptChosen = true;
        foreach (var (fields, line) in _firstStep) Add(fields, line, scalars);
        _firstStep.Clear();
    }

    private void Add(string[] fields, int line, List<(string, int, float)> scalars)
    {
        if (fields.Length != _header!.Length) return;
        string key = string.Join("/", _keys.Select((k, i) => $"{series.Keys[i]}={fields[k]}"));
        if (_kept is not null && !_kept.Contains(string.Join(",", _keys.Select(k => fields[k])))) return;
        if (!long.TryParse(fields[_step], NumberStyles.None, CultureInfo.InvariantCulture, out long step)) return;
        for (int v = 0; v < _values.Length; v++)
        {
            string text = fields[_values[v]];
            if (text.Length == 0) continue;
            double value = CsvFormat.ParseDouble(text, series.File, line, series.Values[v]);
            string tag = key.Length == 0 ? $"{_stem}/{series.Values[v]}" : $"{_stem}/{series.Values[v]}/{key}";
            scalars.Add((tag, (int)Math.Min(step, int.MaxValue), (float)value));
        }
    }

    /// <summary>The whole lines written since the last read, with their 1-based line numbers in the file; empty lines left out.</summary>
    private List<(int Number, string Text)> ReadNewLines()
    {
        if (!File.Exists(_path)) return [];
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length <= _offset) return [];
        stream.Position = _offset;
        var bytes = new byte[stream.Length - _offset];
        stream.ReadExactly(bytes);
        int end = Array.LastIndexOf(bytes, (byte)'\n');
        if (end < 0) return [];
        _offset += end + 1;
        var lines = new List<(int, string)>();
        foreach (string text in Encoding.UTF8.GetString(bytes, 0, end).Split('\n'))
        {
            _line++;
            string line = text.TrimEnd('\r');
            if (line.Length > 0) lines.Add((_line, line));
        }

        return lines;
    }
}
