using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>
/// The training window <see cref="Domain"/> = [Min, Max] of length L = Max − Min and its n evenly spaced,
/// cell-centred points x_i = Min + (i + ½) L / n, i = 0 … n − 1 (so that the sum over the points is the midpoint rule
/// for the integral over the window, as the PDE's derivation assumes).
/// </summary>
public sealed record FourierDataConfig
{
    /// <summary>Most training points.</summary>
    public const int MaxPoints = 100_000;

    /// <summary>The window [min, max]. Default [−10, 10].</summary>
    public Interval Domain { get; init; } = new(-10, 10);

    /// <summary>Number of training points n, 4 to 100 000.</summary>
    [Range(4, MaxPoints)]
    public required int Points { get; init; }

    /// <summary>
    /// Width w &gt; 0 of an optional Gaussian envelope: the target becomes y(x)·e^{−(x − c)²/(2w²)}, c the window's
    /// centre, so that it fades out before the window's ends (the PDE is exact on the whole line; a target cut off by
    /// the window has sinc side lobes that the PDE does not follow). Null (default) for none.
    /// </summary>
    [Range(0, MinExclusive = true, Expected = "a width > 0 (units of x), or null for no envelope")]
    public double? Envelope { get; init; }

    /// <summary>Left end of the window.</summary>
    public double Min => Domain.Min;

    /// <summary>Right end of the window.</summary>
    public double Max => Domain.Max;

    /// <summary>The window's centre c.</summary>
    public double Center => (Min + Max) / 2;

    /// <summary>The envelope's factor at <paramref name="x"/> (1 without an envelope).</summary>
    public double EnvelopeAt(double x) => Envelope is double w ? Math.Exp(-(x - Center) * (x - Center) / (2 * w * w)) : 1;

    /// <summary>The window's length L.</summary>
    public double Length => Max - Min;

    /// <summary>The training points x_i = Min + (i + ½) L / n.</summary>
    public double[] Coordinates()
    {
        var x = new double[Points];
        for (int i = 0; i < Points; i++) x[i] = Min + (i + 0.5) * Length / Points;
        return x;
    }
}
