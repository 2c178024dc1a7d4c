using System.Globalization;
using FreqScope.Core.Tables;
using FreqScope.Data;
using FreqScope.Spectral;
using static TorchSharp.torch;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// The filtering method during a classify run: the Gaussian low-pass of the one-hot targets is computed once per δ;
/// at each probe the network's h is filtered the same way and e_low, e_high are appended to <c>filtering.csv</c>.
/// </summary>
internal sealed class FilteringProbe : IDisposable
{
    private readonly FilteringConfig _config;
    private readonly int _samples;
    private readonly int _classes;
    private readonly GaussianFilter _filter;
    private readonly float[] _y;
    private readonly float[][] _yLow;
    private readonly List<double>[] _low, _high;

    public FilteringProbe(FilteringConfig config, ImageDataset train, float[] oneHot, int classes, Device device, string runDir)
    {
        _config = config;
        Table = FilteringRow.Csv.Table(runDir);
        _classes = classes;
        _samples = config.Samples ?? train.Count;
        using (var cpu = tensor(train.Pixels.AsSpan(0, _samples * train.Features).ToArray(), [_samples, train.Features]))
        using (var x = cpu.to(device))
        {
            _filter = new GaussianFilter(x, config.Deltas, (long)config.CacheBudgetMiB << 20);
        }

        _y = oneHot.AsSpan(0, _samples * classes).ToArray();
        _yLow = LowPass(_y, device);
        _low = config.Deltas.Select(_ => new List<double>()).ToArray();
        _high = config.Deltas.Select(_ => new List<double>()).ToArray();
    }

    /// <summary>Σ|y^low|² / Σ|y|² of the targets for each δ.</summary>
    public double[] LowFrequencyRatios => _yLow.Select(l => FilterErrors.LowFrequencyRatio(l, _y)).ToArray();

    private float[][] LowPass(float[] values, Device device)
    {
        using var scope = NewDisposeScope();
        using var cpu = tensor(values, [_samples, _classes]);
        var lows = _filter.LowPass(cpu.to(device));
        return lows.Select(l => l.to(float32).cpu().data<float>().ToArray()).ToArray();
    }

    /// <summary>The method's data file.</summary>
    public RunTable<FilteringRow> Table { get; }

    /// <summary>Restores the error history from the (already cut back) filtering.csv rows of a resumed run.</summary>
    public void Reload(IEnumerable<FilteringRow> rows)
    {
        foreach (var row in rows)
        {
            int i = IndexOf(row.Delta);
            _low[i].Add(row.LowError);
            _high[i].Add(row.HighError);
        }
    }

    private int IndexOf(double delta)
    {
        for (int i = 0; i < _config.Deltas.Count; i++)
            if (_config.Deltas[i].Equals(delta)) return i;
        throw new InvalidDataException($"{ClassifyRunFolderReader.FilteringFile} names δ = {delta}, which the config does not list");
    }

    /// <summary>
    /// Filters h (n×classes float32 on the run's device; the first <c>samples</c> rows are used) and records e_low,
    /// e_high. <paramref name="hHost"/> is the same h on the host, row-major.
    /// </summary>
    public void Probe(int epoch, Tensor h, float[] hHost)
    {
        using var scope = NewDisposeScope();
        var hs = h.narrow(0, 0, _samples);
        var hArray = hHost.AsSpan(0, _samples * _classes).ToArray();
        var lows = _filter.LowPass(hs);
        for (int i = 0; i < lows.Length; i++)
        {
            var hLow = lows[i].cpu().data<float>().ToArray();
            var (low, high) = FilterErrors.Compute(_yLow[i], _y, hLow, hArray);
            _low[i].Add(low);
            _high[i].Add(high);
            Table.Append(new FilteringRow(epoch, _config.Deltas[i], low, high));
        }
    }

    public FilteringSummary Summarize(IReadOnlyList<int> epochs)
    {
        double threshold = _config.Threshold;
        var ratios = LowFrequencyRatios;
        var deltas = new List<DeltaSummary>();
        for (int i = 0; i < _config.Deltas.Count; i++)
        {
            int? lowAt = FirstBelow(epochs, _low[i], threshold);
            int? highAt = FirstBelow(epochs, _high[i], threshold);
            bool? lowFirst = lowAt is null && highAt is null ? null : lowAt is not null && (highAt is null || lowAt < highAt);
            deltas.Add(new DeltaSummary(_config.Deltas[i], ratios[i], lowAt, highAt, lowFirst,
                _low[i].Count > 0 ? _low[i][^1] : double.NaN, _high[i].Count > 0 ? _high[i][^1] : double.NaN));
        }

        return new FilteringSummary { Threshold = threshold, Samples = _samples, Deltas = deltas, Verdict = Verdict(deltas, threshold) };
    }

    private static int? FirstBelow(IReadOnlyList<int> epochs, List<double> errors, double threshold)
    {
        for (int i = 0; i < errors.Count && i < epochs.Count; i++)
            if (errors[i] < threshold) return epochs[i];
        return null;
    }

    /// <summary>
    /// The filtering sentence, e.g. "Filtering: e_low fell below 0.1 before e_high for 3 of 3 δ (low frequencies
    /// converged first)."; δ where both fell below at the same epoch are named as ties, apart from those where e_high
    /// got there first, and "low frequencies converged first" is said only when e_low was strictly first for every δ.
    /// </summary>
    internal static string Verdict(IReadOnlyList<DeltaSummary> deltas, double threshold)
    {
        string t = threshold.ToString("G4", CultureInfo.InvariantCulture);
        int lowFirst = deltas.Count(d => d.LowBeforeHigh == true);
        int together = deltas.Count(d => d.LowBeforeHigh == false && d.LowBelowAtEpoch is not null && d.LowBelowAtEpoch == d.HighBelowAtEpoch);
        int highFirst = deltas.Count(d => d.LowBeforeHigh == false) - together;
        int neither = deltas.Count(d => d.LowBeforeHigh is null);
        if (neither == deltas.Count) return $"Filtering: neither e_low nor e_high fell below {t} for any δ during the run.";
        string tail = lowFirst == deltas.Count ? " (low frequencies converged first)" : string.Empty;
        if (together > 0) tail += $"; both at the same epoch for {together}";
        if (highFirst > 0) tail += $"; e_high first for {highFirst}";
        string rest = neither > 0 ? $"; neither fell below {t} for {neither}" : "";
        return $"Filtering: e_low fell below {t} before e_high for {lowFirst} of {deltas.Count} δ{tail}{rest}.";
    }

    public void Dispose()
    {
        Table.Dispose();
        _filter.Dispose();
    }
}
