using System.Globalization;
using FreqScope.Core.Config;
using FreqScope.Core.Tables;
using FreqScope.Data;
using FreqScope.Spectral;
using FreqScope.Training;
using static TorchSharp.torch;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// The interpolation-path spectrum during a classify run (Fridovich-Keil et al.): seeded pairs of test images, of the
/// same class (<c>within</c>) and of different classes (<c>between</c>); at each probe the network's softmax output at
/// points Δ apart along each straight path, s(t) = ‖p(t) − p(0)‖₂, its power spectral density resampled to a common
/// grid 0 … 1/(2Δ) and averaged over the pairs of each kind (<see cref="PathSpectrum"/>). The averages go to
/// <c>paths.csv</c>; the share of power above the cutoff is tracked for the summary.
/// </summary>
internal sealed class PathProbe
{
    private const string Within = PathProbeKinds.Within;
    private const string Between = PathProbeKinds.Between;

    private readonly PathsConfig _config;
    private readonly (float[] Start, float[] End, double Distance)[] _within, _between;
    private readonly double[] _grid;
    private readonly int _channels, _height, _width;
    private readonly bool _flat;
    private readonly List<PathsEpochSummary> _epochs = [];

    /// <exception cref="ConfigException">A pair is too far apart for the spacing and maxPoints, or the test set cannot supply a pair of a kind.</exception>
    public PathProbe(PathsConfig config, ImageDataset test, bool flat, long seed, string runDir)
    {
        _config = config;
        _flat = flat;
        (_channels, _height, _width) = (test.Channels, test.Height, test.Width);
        Table = PathRow.Csv.Table(runDir);
        var random = new SplitMix64(unchecked(seed * 31 + 0x5A17));
        _within = Pairs(test, config.Within, sameClass: true, random);
        _between = Pairs(test, config.Between, sameClass: false, random);
        double longest = _within.Concat(_between).Max(p => p.Distance);
        if (longest / config.Spacing + 1 > config.MaxPoints)
            throw new ConfigException("config", "$.probe.paths.spacing",
                string.Create(CultureInfo.InvariantCulture, $"{config.Spacing} is too small: the farthest pair is {longest:G4} apart and would need {(int)Math.Floor(longest / config.Spacing) + 1} points, more than maxPoints = {config.MaxPoints}; expected a spacing ≥ {longest / (config.MaxPoints - 1):G4} or a larger maxPoints"));
        double nyquist = 1 / (2 * config.Spacing);
        _grid = [.. Enumerable.Range(0, config.GridPoints).Select(g => nyquist * g / (config.GridPoints - 1))];
        MeanDistance = _within.Concat(_between).Average(p => p.Distance);
    }

    /// <summary>The method's data file.</summary>
    public RunTable<PathRow> Table { get; }

    /// <summary>The mean input-space distance of the pairs.</summary>
    public double MeanDistance { get; }

    private static (float[], float[], double)[] Pairs(ImageDataset test, int count, bool sameClass, SplitMix64 random)
    {
        var result = new (float[], float[], double)[count];
        if (count == 0) return result;
        var byClass = Enumerable.Range(0, test.ClassCount).Select(c => Enumerable.Range(0, test.Count).Where(i => test.Labels[i] == c).ToArray()).ToArray();
        var usable = byClass.Where(g => g.Length >= 2).ToArray();
        if (sameClass && usable.Length == 0)
            throw new ConfigException("config", "$.probe.paths.within", "the test set has no class with two images; expected 0 within-class pairs");
        if (!sameClass && byClass.Count(g => g.Length > 0) < 2)
            throw new ConfigException("config", "$.probe.paths.between", "the test set has images of only one class; expected 0 between-class pairs");
        int features = test.Features;
        for (int k = 0; k < count; k++)
        {
            int a, b;
            if (sameClass)
            {
                var group = usable[(int)(random.NextUInt64() % (ulong)usable.Length)];
                a = group[(int)(random.NextUInt64() % (ulong)group.Length)];
                do b = group[(int)(random.NextUInt64() % (ulong)group.Length)]; while (b == a);
            }
            else
            {
                a = (int)(random.NextUInt64() % (ulong)test.Count);
                do b = (int)(random.NextUInt64() % (ulong)test.Count); while (test.Labels[b] == test.Labels[a]);
            }

            var start = test.Pixels.AsSpan(a * features, features).ToArray();
            var end = test.Pixels.AsSpan(b * features, features).ToArray();
            double d = 0;
            for (int i = 0; i < features; i++) d += (end[i] - start[i]) * (double)(end[i] - start[i]);
            result[k] = (start, end, Math.Sqrt(d));
        }

        return result;
    }

    /// <summary>The mean density of <paramref name="pairs"/> on the common grid.</summary>
    private double[] MeanDensity((float[] Start, float[] End, double Distance)[] pairs, nn.Module<Tensor, Tensor> model, Device device, int batch)
    {
        var sum = new double[_grid.Length];
        foreach (var (start, end, distance) in pairs)
        {
            int points = (int)Math.Floor(distance / _config.Spacing) + 1;
            float[] probabilities;
            using (NewDisposeScope())
            {
                var a = tensor(start, device: device);
                var direction = (tensor(end, device: device) - a) / distance;
                var t = arange(points, dtype: float32, device: device) * (float)_config.Spacing;
                var x = a.unsqueeze(0) + t.unsqueeze(1) * direction.unsqueeze(0);
                if (!_flat) x = x.reshape(points, _channels, _height, _width);
                var outputs = ClassifierTrainer.PredictOutputs(model, x, batch);
                probabilities = outputs.softmax(1).to(float32).cpu().contiguous().data<float>().ToArray();
            }

            int classes = probabilities.Length / points;
            var s = PathSpectrum.Signal(probabilities, points, classes);
            if (points < 2) continue;
            var (f, psd) = PathSpectrum.Density(s, _config.Spacing);
            var g = PathSpectrum.OnGrid(f, psd, _grid);
            for (int i = 0; i < g.Length; i++) sum[i] += g[i];
        }

        for (int i = 0; i < sum.Length; i++) sum[i] /= Math.Max(1, pairs.Length);
        return sum;
    }

    /// <summary>Appends both kinds' mean densities at <paramref name="epoch"/> and records their high-frequency shares.</summary>
    public void Probe(int epoch, nn.Module<Tensor, Tensor> model, Device device, int batch)
    {
        (double Share, double Power) within = (double.NaN, double.NaN), between = (double.NaN, double.NaN);
        if (_within.Length > 0) within = Append(epoch, Within, MeanDensity(_within, model, device, batch));
        if (_between.Length > 0) between = Append(epoch, Between, MeanDensity(_between, model, device, batch));
        _epochs.Add(new PathsEpochSummary(epoch, within.Share, between.Share, within.Power, between.Power));
    }

    private (double Share, double Power) Append(int epoch, string kind, double[] density)
    {
        for (int g = 0; g < _grid.Length; g++) Table.Append(new PathRow(epoch, kind, _grid[g], density[g]));
        return (PathSpectrum.HighFraction(_grid, density, _config.EffectiveCutoff), PathSpectrum.HighPower(_grid, density, _config.EffectiveCutoff));
    }

    /// <summary>Restores the per-epoch shares from the (already cut back) paths.csv rows of a resumed run.</summary>
    public void Reload(IEnumerable<PathRow> rows)
    {
        foreach (var epoch in rows.GroupBy(r => r.Epoch).OrderBy(g => g.Key))
        {
            (double, double) Measure(string kind)
            {
                var r = epoch.Where(x => x.Kind == kind).ToArray();
                if (r.Length == 0) return (double.NaN, double.NaN);
                double[] f = [.. r.Select(x => x.Frequency)], d = [.. r.Select(x => x.Density)];
                return (PathSpectrum.HighFraction(f, d, _config.EffectiveCutoff), PathSpectrum.HighPower(f, d, _config.EffectiveCutoff));
            }

            var (ws, wp) = Measure(Within);
            var (bs, bp) = Measure(Between);
            _epochs.Add(new PathsEpochSummary(epoch.Key, ws, bs, wp, bp));
        }
    }

    public PathsSummary Summarize() => new()
    {
        Spacing = _config.Spacing,
        Cutoff = _config.EffectiveCutoff,
        WithinPairs = _within.Length,
        BetweenPairs = _between.Length,
        MeanDistance = MeanDistance,
        Epochs = [.. _epochs],
        FinalWithinHighFraction = _epochs.Count > 0 && !double.IsNaN(_epochs[^1].WithinHighFraction) ? _epochs[^1].WithinHighFraction : null,
        FinalBetweenHighFraction = _epochs.Count > 0 && !double.IsNaN(_epochs[^1].BetweenHighFraction) ? _epochs[^1].BetweenHighFraction : null,
        FinalWithinHighPower = _epochs.Count > 0 && !double.IsNaN(_epochs[^1].WithinHighPower) ? _epochs[^1].WithinHighPower : null,
        FinalBetweenHighPower = _epochs.Count > 0 && !double.IsNaN(_epochs[^1].BetweenHighPower) ? _epochs[^1].BetweenHighPower : null,
    };
}
