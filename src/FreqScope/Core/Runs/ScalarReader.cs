using System.Globalization;
using System.Text;

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
    private string[]? _header;
    private int _step = -1;
    private int[] _keys = [];
    private int[] _values = [];
    private IReadOnlySet<string>? _kept;
    private bool _keptChosen;
    private readonly List<string[]> _firstStep = [];
    private readonly string _stem = Path.GetFileNameWithoutExtension(series.File);

    /// <summary>
    /// The scalars of the rows written since the last call, in file order; with <paramref name="end"/> also those held
    /// back to choose the kept keys (<see cref="ScalarSeries.KeepKeys"/>) when no second step has come.
    /// </summary>
    public IReadOnlyList<(string Tag, int Step, float Value)> NewScalars(bool end)
    {
        var lines = ReadNewLines();
        var scalars = new List<(string, int, float)>();
        foreach (string line in lines)
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
                if (_firstStep.Count == 0 || _firstStep[0][_step] == fields[_step])
                {
                    _firstStep.Add(fields);
                    continue;
                }

                ChooseKeys(scalars);
            }

            Add(fields, scalars);
        }

        if (end && !_keptChosen && _firstStep.Count > 0) ChooseKeys(scalars);
        return scalars;
    }

    /// <summary>Writes the held first step's rows even when no second step follows (a run with one probe).</summary>
    private void ChooseKeys(List<(string, int, float)> scalars)
    {
        _kept = series.KeepKeys!(_header!, _firstStep);
        _keptChosen = true;
        foreach (var held in _firstStep) Add(held, scalars);
        _firstStep.Clear();
    }

    private void Add(string[] fields, List<(string, int, float)> scalars)
    {
        if (fields.Length != _header!.Length) return;
        string key = string.Join("/", _keys.Select((k, i) => $"{series.Keys[i]}={fields[k]}"));
        if (_kept is not null && !_kept.Contains(string.Join(",", _keys.Select(k => fields[k])))) return;
        if (!long.TryParse(fields[_step], NumberStyles.None, CultureInfo.InvariantCulture, out long step)) return;
        for (int v = 0; v < _values.Length; v++)
        {
            string text = fields[_values[v]];
            if (text.Length == 0) continue;
            double value = text switch
            {
                "nan" => double.NaN,
                "inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            string tag = key.Length == 0 ? $"{_stem}/{series.Values[v]}" : $"{_stem}/{series.Values[v]}/{key}";
            scalars.Add((tag, (int)Math.Min(step, int.MaxValue), (float)value));
        }
    }

    private List<string> ReadNewLines()
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
        return [.. Encoding.UTF8.GetString(bytes, 0, end).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];
    }
}
