using System.Globalization;
using ScottPlot;

namespace FreqScope.Reporting;

/// <summary>
/// Ticks for an axis that holds log10 values: a labelled major tick at every decade in view (10⁻³, 10⁻², …; every
/// second or third decade labelled when more than twelve are in view) with minor ticks at 2…9 × 10ⁿ; when fewer than
/// two decades are in view (a span under about a decade) it labels the 1-2-5 mantissas instead (2×10⁻³, 5×10⁻³, …), or
/// every integer mantissa when that leaves fewer than three labels, so that every log axis has labelled ticks.
/// </summary>
internal sealed class LogTickGenerator : ITickGenerator
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <inheritdoc/>
    public Tick[] Ticks { get; set; } = [];

    /// <inheritdoc/>
    public int MaxTickCount { get; set; } = 10_000;

    /// <inheritdoc/>
    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle) =>
        Ticks = Generate(range.Min, range.Max);

    /// <summary>The ticks over the log10 values [<paramref name="low"/>, <paramref name="high"/>] (either order).</summary>
    /// <param name="low">One end of the axis (a log10 value).</param>
    /// <param name="high">The other end.</param>
    /// <returns>Major ticks (labelled) and minor ticks, by position.</returns>
    public static Tick[] Generate(double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high)) return [];
        if (low > high) (low, high) = (high, low);
        if (high - low < 1e-9)
        {
            (low, high) = (low - 0.5, high + 0.5);
        }

        const double slack = 1e-9;
        int first = (int)Math.Floor(low), last = (int)Math.Ceiling(high);
        int decadesInView = Enumerable.Range(first, last - first + 1).Count(e => e >= low - slack && e <= high + slack);
        List<Tick> ticks = [];
        if (decadesInView >= 2)
        {
            int stride = decadesInView <= 12 ? 1 : decadesInView <= 24 ? 2 : (int)Math.Ceiling(decadesInView / 12.0);
            for (int e = first; e <= last; e++)
            {
                if (e >= low - slack && e <= high + slack)
                {
                    ticks.Add(Mod(e, stride) == 0 ? Tick.Major(e, PlotCanvas.PowerOfTen(e)) : Tick.Minor(e));
                }

                if (decadesInView <= 8)
                {
                    for (int m = 2; m <= 9; m++) AddIfInside(ticks, e + Math.Log10(m), low, high, major: false, m, e);
                }
            }

            return [.. ticks];
        }

        int[] labelled = [1, 2, 5];
        if (Count(labelled) < 3) labelled = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        if (Count(labelled) < 2) return Fine(low, high);
        for (int e = first; e <= last; e++)
        {
            for (int m = 1; m <= 9; m++) AddIfInside(ticks, e + Math.Log10(m), low, high, labelled.Contains(m), m, e);
        }

        return [.. ticks];

        int Count(int[] mantissas) => Enumerable.Range(first, last - first + 1)
            .Sum(e => mantissas.Count(m => e + Math.Log10(m) >= low - slack && e + Math.Log10(m) <= high + slack));
    }

    /// <summary>
    /// Ticks for a sliver of a decade with fewer than two integer mantissas in view (1.3 to 1.6): evenly spaced
    /// values at the coarsest 1-2-5 step that puts at least two in view.
    /// </summary>
    private static Tick[] Fine(double low, double high)
    {
        double from = Math.Pow(10, low), to = Math.Pow(10, high);
        for (int k = (int)Math.Floor(high); k >= (int)Math.Floor(low) - 6; k--)
        {
            foreach (int m in new[] { 5, 2, 1 })
            {
                double step = m * Math.Pow(10, k);
                long first = (long)Math.Ceiling((from / step) - 1e-9), last = (long)Math.Floor((to / step) + 1e-9);
                if (last - first + 1 >= 2)
                {
                    int digits = Math.Max(0, -k);
                    return [.. Enumerable.Range(0, (int)(last - first + 1))
                        .Select(i => (first + i) * step)
                        .Select(v => Tick.Major(Math.Log10(v), v.ToString("F" + digits.ToString(Invariant), Invariant)))];
                }
            }
        }

        return [];
    }

    /// <summary>The label of m × 10ᵉ: a plain number for 10⁻³ ≤ value &lt; 10⁴, else m×10ᵉ (10ᵉ when m is 1).</summary>
    /// <param name="mantissa">The integer mantissa, 1 to 9.</param>
    /// <param name="exponent">The decade.</param>
    /// <returns>The label.</returns>
    public static string Label(int mantissa, int exponent)
    {
        if (exponent is >= -3 and <= 3)
        {
            return (mantissa * Math.Pow(10, exponent)).ToString("0.###", Invariant);
        }

        return mantissa == 1 ? PlotCanvas.PowerOfTen(exponent) : mantissa.ToString(Invariant) + "×" + PlotCanvas.PowerOfTen(exponent);
    }

    private static void AddIfInside(List<Tick> ticks, double position, double low, double high, bool major, int mantissa, int exponent)
    {
        if (position < low - 1e-9 || position > high + 1e-9) return;
        ticks.Add(major ? Tick.Major(position, Label(mantissa, exponent)) : Tick.Minor(position));
    }

    private static int Mod(int value, int modulus) => ((value % modulus) + modulus) % modulus;
}
