using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FreqScope.Core.Runs;

namespace FreqScope.Sweeps;

/// <summary>
/// What a sweep report shows, computed from sweep.json alone: the swept keys that set a condition (every key but
/// <c>seed</c>, whose members are replicates), the axis of each (numeric, log-scaled when its positive values span a
/// decade or more; categorical, in the given order, otherwise), each condition's metric aggregated over its seeds, and
/// the headline sentence on how the main metric moves with the swept value.
/// </summary>
public static class SweepAnalysis
{
    /// <summary>The swept key whose members are replicates of one condition, aggregated rather than plotted apart.</summary>
    public const string SeedKey = "seed";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The swept keys that set a condition: every key but <see cref="SeedKey"/>, in the sweep's order.</summary>
    public static IReadOnlyList<string> ConditionKeys(SweepManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return [.. manifest.Keys.Where(k => k != SeedKey)];
    }

    /// <summary>
    /// The number a swept value stands for on an axis: a number is itself; an array of equal numbers (a width such as
    /// <c>[256, 256]</c>) is that number; anything else has none.
    /// </summary>
    public static double? Number(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node = JsonNode.Parse(json);
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number) return v.GetValue<double>();
        if (node is JsonArray { Count: > 0 } array && array.All(e => e is JsonValue ev && ev.GetValueKind() == JsonValueKind.Number))
        {
            double[] values = [.. array.Select(e => e!.GetValue<double>())];
            return values.All(x => x == values[0]) ? values[0] : null;
        }

        return null;
    }

    /// <summary>
    /// A swept value as a reader wants it on an axis or in a sentence: a string without quotes, a number in at most four
    /// significant digits (<c>0.0001</c> as <c>1e-4</c>), an array of numbers joined by <c>-</c> (<c>100-100-100-50</c>).
    /// </summary>
    public static string Label(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node = JsonNode.Parse(json);
        return node switch
        {
            JsonValue v when v.TryGetValue<string>(out string? s) => s,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => NumberLabel(v.GetValue<double>()),
            JsonArray a when a.All(e => e is JsonValue ev && ev.GetValueKind() == JsonValueKind.Number) => string.Join("-", a.Select(e => NumberLabel(e!.GetValue<double>()))),
            _ => json,
        };
    }

    /// <summary>A number in at most four significant digits, small and large ones as <c>1e-4</c>, <c>2.5e6</c>.</summary>
    public static string NumberLabel(double x)
    {
        if (x == 0 || !double.IsFinite(x)) return x.ToString(Invariant);
        double a = Math.Abs(x);
        if (a >= 1e-3 && a < 1e5) return x.ToString("G4", Invariant);
        int exponent = (int)Math.Floor(Math.Log10(a));
        double mantissa = Math.Round(x / Math.Pow(10, exponent), 3);
        return $"{mantissa.ToString("G4", Invariant)}e{exponent.ToString(Invariant)}";
    }

    /// <summary>
    /// How a key's values go on an axis: <see cref="AxisScale.Log"/> when every value has a number, all are &gt; 0 and
    /// they span a factor of 10 or more; <see cref="AxisScale.Linear"/> when every value has a number otherwise (a 0
    /// among values that span decades, as a weight decay of 0, 1e-4, 1e-3, makes the axis
    /// <see cref="AxisScale.Categorical"/>, evenly spaced in order of value); categorical when some value has no number.
    /// </summary>
    public static AxisScale Scale(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double?[] numbers = [.. values.Select(Number)];
        if (numbers.Any(n => n is null)) return AxisScale.Categorical;
        double[] x = [.. numbers.Select(n => n!.Value).Distinct()];
        if (x.Length < 2) return AxisScale.Categorical;
        double[] positive = [.. x.Where(v => v > 0)];
        if (positive.Length == x.Length) return positive.Max() / positive.Min() >= 10 ? AxisScale.Log : AxisScale.Linear;
        return positive.Length >= 2 && positive.Max() / positive.Min() >= 10 ? AxisScale.Categorical : AxisScale.Linear;
    }

    /// <summary>
    /// The distinct values of <paramref name="key"/> among the members, in axis order (by number when every value has
    /// one, else as first met in the sweep).
    /// </summary>
    public static IReadOnlyList<string> Values(SweepManifest manifest, string key)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        string[] values = [.. manifest.Members.Select(m => ValueOf(m, key)).Distinct()];
        return values.All(v => Number(v) is not null) ? [.. values.OrderBy(v => Number(v)!.Value)] : values;
    }

    /// <summary>A member's value of a swept key as JSON text; <c>null</c> when the member has none.</summary>
    public static string ValueOf(SweepMemberRecord member, string key)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Values.TryGetValue(key, out string? v) ? v : "null";
    }

    /// <summary>
    /// One point per condition (the values of <paramref name="keys"/>) of the finished members that have a finite
    /// <paramref name="metric"/>: the mean over its members (seeds), their standard deviation (n − 1) for three or
    /// more, the minimum and maximum, and the values themselves.
    /// </summary>
    public static IReadOnlyList<SweepPoint> Points(SweepManifest manifest, string metric, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(keys);
        var groups = manifest.Members
            .Where(m => m.Status == RunStatus.Finished && m.Metrics.TryGetValue(metric, out double? y) && y is double d && double.IsFinite(d))
            .GroupBy(m => string.Join("\u0001", keys.Select(k => ValueOf(m, k))));
        var points = new List<SweepPoint>();
        foreach (var group in groups)
        {
            double[] ys = [.. group.Select(m => m.Metrics[metric]!.Value)];
            double mean = ys.Average();
            double? sd = ys.Length >= 3 ? Math.Sqrt(ys.Sum(y => (y - mean) * (y - mean)) / (ys.Length - 1)) : null;
            points.Add(new SweepPoint([.. keys.Select(k => ValueOf(group.First(), k))], mean, sd, ys.Min(), ys.Max(), ys));
        }

        return points;
    }

    /// <summary>
    /// The headline: how the sweep's first spectral metric (<see cref="IsSpectral"/>) and its first other metric with a
    /// value in two or more conditions move along the first condition key, one sentence each, e.g. "finalTestLoss falls from 0.512 to 0.387 as model.hidden goes 64-64 → 1024-1024 (mean of 3
    /// seeds each)." It says "rises"/"falls" only when the swept values are numbers and the means are strictly
    /// monotone in them, otherwise where the smallest and largest are; it adds when the change from first to last lies within the seeds' spread
    /// (standard deviation, or range for two), and for a sweep of seeds alone it gives the mean and spread. Null when no
    /// metric has values yet.
    /// </summary>
    public static string? Headline(SweepManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var keys = ConditionKeys(manifest);
        var sentences = new List<string>();
        // A spectral measurement first (what the sweep is about), then the first other metric (accuracy, loss).
        foreach (var group in new[] { manifest.Metrics.Where(IsSpectral), manifest.Metrics.Where(m => !IsSpectral(m)) })
        {
            if (HeadlineOf(manifest, keys, group) is { } s) sentences.Add(s);
        }

        return sentences.Count == 0 ? null : string.Join(" ", sentences);
    }

    /// <summary>Whether a metric measures frequencies: the spectral-bias index, path power, filtering errors, projection, high-frequency energy.</summary>
    public static bool IsSpectral(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Contains("spectralBiasIndex", StringComparison.Ordinal) || metric.StartsWith("paths.", StringComparison.Ordinal)
            || metric.StartsWith("filtering.", StringComparison.Ordinal) || metric.StartsWith("projection.", StringComparison.Ordinal)
            || metric.Contains("highFrequency", StringComparison.Ordinal) || metric.Contains("HighPower", StringComparison.Ordinal)
            || metric.Contains("Spearman", StringComparison.Ordinal);
    }

    private static string? HeadlineOf(SweepManifest manifest, IReadOnlyList<string> keys, IEnumerable<string> metrics)
    {
        foreach (string metric in metrics)
        {
            if (keys.Count == 0)
            {
                var all = Points(manifest, metric, []);
                if (all.Count == 0) continue;
                var p = all[0];
                return $"{metric}: {Spread(p)} over {p.Values.Count} seeds.";
            }

            string key = keys[0];
            var order = Values(manifest, key).ToList();
            // Other condition keys are held at their first value, so the headline follows one line of a grid.
            var fixedOthers = keys.Skip(1).ToDictionary(k => k, k => Values(manifest, k)[0]);
            var points = Points(manifest, metric, keys)
                .Where(pt => keys.Skip(1).Select((k, i) => pt.Condition[i + 1] == fixedOthers[k]).All(b => b))
                .OrderBy(pt => order.IndexOf(pt.Condition[0])).ToList();
            if (points.Count < 2) continue;
            string from = Label(points[0].Condition[0]), to = Label(points[^1].Condition[0]);
            double[] means = [.. points.Select(pt => pt.Mean)];
            bool rising = means.Zip(means.Skip(1)).All(z => z.Second > z.First);
            bool falling = means.Zip(means.Skip(1)).All(z => z.Second < z.First);
            string at = fixedOthers.Count == 0 ? "" : $" (with {string.Join(", ", fixedOthers.Select(f => $"{f.Key} = {Label(f.Value)}"))})";
            string sentence;
            bool numeric = order.All(v => Number(v) is not null);
            if (!numeric)
            {
                // Values without an order (activations, optimizers): where the extremes are, no direction.
                var low = points.MinBy(pt => pt.Mean)!;
                var high = points.MaxBy(pt => pt.Mean)!;
                sentence = $"{metric} is lowest at {key} = {Label(low.Condition[0])} ({NumberLabel(low.Mean)}) and highest at {Label(high.Condition[0])} ({NumberLabel(high.Mean)}) of {points.Count} values{at}";
            }
            else if (rising || falling)
            {
                sentence = $"{metric} {(rising ? "rises" : "falls")} from {NumberLabel(means[0])} to {NumberLabel(means[^1])} as {key} goes {from} → {to}{at}";
            }
            else
            {
                var min = points.MinBy(pt => pt.Mean)!;
                var max = points.MaxBy(pt => pt.Mean)!;
                sentence = $"{metric} is not monotone in {key}{at}: lowest {NumberLabel(min.Mean)} at {Label(min.Condition[0])}, highest {NumberLabel(max.Mean)} at {Label(max.Condition[0])} ({from} → {to})";
            }

            int seeds = points.Min(pt => pt.Values.Count);
            if (seeds > 1)
            {
                sentence += points.All(pt => pt.Values.Count == seeds) ? $" (mean of {seeds} seeds each)" : $" (means of {seeds} or more seeds)";
                double change = Math.Abs(means[^1] - means[0]);
                double spread = HalfSpread(points[0]) + HalfSpread(points[^1]);
                if (change <= spread) sentence += "; the change is within the spread across seeds";
            }

            return sentence + ".";
        }

        return null;
    }

    /// <summary>Mean ± sd for three or more values, mean (min–max) for two, the value for one.</summary>
    public static string Spread(SweepPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.Values.Count switch
        {
            1 => NumberLabel(point.Mean),
            2 => $"{NumberLabel(point.Mean)} ({NumberLabel(point.Min)}–{NumberLabel(point.Max)})",
            _ => $"{NumberLabel(point.Mean)} ± {NumberLabel(point.Sd!.Value)}",
        };
    }

    private static double HalfSpread(SweepPoint p) => p.Sd ?? (p.Max - p.Min) / 2;
}
