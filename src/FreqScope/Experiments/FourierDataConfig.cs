namespace FreqScope.Experiments;

/// <summary>
/// The training window [<see cref="Min"/>, <see cref="Max"/>] of length L = Max − Min and its n evenly spaced,
/// cell-centred points x_i = Min + (i + ½) L / n, i = 0 … n − 1 (so that the sum over the points is the midpoint rule
/// for the integral over the window, as the PDE's derivation assumes).
/// </summary>
public sealed record FourierDataConfig
{
    /// <summary>Left end of the window. Default −10.</summary>
    public double Min { get; init; } = -10;

    /// <summary>Right end of the window (&gt; Min). Default 10.</summary>
    public double Max { get; init; } = 10;

    /// <summary>Number of training points n, 4 to <see cref="FourierConfigLoader.MaxPoints"/>.</summary>
    public required int Points { get; init; }

    /// <summary>
    /// Width w of an optional Gaussian envelope: the target becomes y(x)·e^{−(x − c)²/(2w²)}, c the window's centre,
    /// so that it fades out before the window's ends (the PDE is exact on the whole line; a target cut off by the
    /// window has sinc side lobes that the PDE does not follow). Null (default) for none.
    /// </summary>
    public double? Envelope { get; init; }

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
