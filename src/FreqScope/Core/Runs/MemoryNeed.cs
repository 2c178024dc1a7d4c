using System.Globalization;

namespace FreqScope.Core.Runs;

/// <summary>
/// One of a run's largest allocations as its kind estimates it before anything is allocated (the memory preflight):
/// the config key whose value sizes it, that value as the config spells it, the bytes, and what they hold. Estimates
/// count only what a run surely allocates (lower bounds), so that the preflight refuses only what cannot fit.
/// </summary>
/// <param name="Key">Dotted config path, e.g. <c>data.eval.count</c>.</param>
/// <param name="Value">The key's value, e.g. <c>2000000000</c> or <c>[4096, 4096]</c>.</param>
/// <param name="Bytes">Estimated bytes (a double: products of large values must not overflow).</param>
/// <param name="What">What the bytes hold, e.g. "the evaluation grid, the outputs and their DFT".</param>
public sealed record MemoryNeed(string Key, string Value, double Bytes, string What)
{
    /// <summary>Bytes of a float32 value.</summary>
    public const int FloatBytes = 4;

    /// <summary>
    /// The weights and biases of a fully connected network <paramref name="inputs"/> → <paramref name="hidden"/> →
    /// <paramref name="outputs"/> in float32 with their gradients (2 × 4 bytes each; optimizer state comes on top).
    /// </summary>
    public static MemoryNeed Network(string key, IReadOnlyList<int> hidden, int inputs, int outputs) =>
        Network(key, Spell(hidden), Parameters(hidden, inputs, outputs));

    /// <summary>
    /// A network's <paramref name="parameters"/> in float32 with their gradients (2 × 4 bytes each), named by the
    /// <paramref name="key"/> that sizes it and its <paramref name="value"/>: for networks that are not a plain
    /// stack of fully connected layers (a CNN, a VGG), or whose size key is not the widths list.
    /// </summary>
    public static MemoryNeed Network(string key, string value, double parameters) =>
        new(key, value, parameters * 2 * FloatBytes, $"the network's {parameters:0.###e+0} parameters and their gradients");

    /// <summary>The weights and biases of a fully connected network <paramref name="inputs"/> → <paramref name="hidden"/> → <paramref name="outputs"/>.</summary>
    public static double Parameters(IReadOnlyList<int> hidden, int inputs, int outputs)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        double parameters = 0;
        double fanIn = inputs;
        foreach (var width in hidden.Append(outputs))
        {
            parameters += (fanIn + 1) * width;
            fanIn = width;
        }

        return parameters;
    }

    /// <summary>
    /// The float32 activations of <paramref name="rows"/> inputs through layers of <paramref name="widths"/>: every
    /// layer's output kept for the backward pass and its gradient when <paramref name="training"/> (2 × 4 bytes per
    /// value), else the widest layer alone (a forward pass without gradients keeps one layer at a time). The need is
    /// named by <paramref name="key"/> and its <paramref name="value"/>: the row count's key, or the widths' when
    /// those are what the config leaves unbounded.
    /// </summary>
    public static MemoryNeed Activations(string key, string value, long rows, IReadOnlyList<int> widths, bool training, string what)
    {
        ArgumentNullException.ThrowIfNull(widths);
        double perRow = training ? 2.0 * widths.Sum(w => (double)w) : widths.Count == 0 ? 0 : widths.Max();
        return new(key, value, rows * perRow * FloatBytes, what);
    }

    /// <summary>An integer as a config spells it.</summary>
    public static string Spell(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A list of widths as a config spells it: <c>[200, 200, 100]</c>.</summary>
    public static string Spell(IReadOnlyList<int> values) =>
        "[" + string.Join(", ", (values ?? throw new ArgumentNullException(nameof(values))).Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";
}
