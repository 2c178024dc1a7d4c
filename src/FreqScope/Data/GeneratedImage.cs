namespace FreqScope.Data;

/// <summary>
/// The image-fit experiment's generated test image: a deterministic grey image in [0, 1] with both low and high
/// spatial frequencies, made by FreqScope (no licence question).
/// </summary>
/// <remarks>
/// With u = (j + ½)/S, v = (i + ½)/S for pixel (i, j) of an S × S image: a smooth background 0.25 + 0.2u + 0.15v +
/// 0.1 sin(2πu) cos(2πv); a bright disc (0.9) of radius 0.18 at (0.3, 0.3); a dark rectangle (0.1) over
/// u ∈ [0.55, 0.85], v ∈ [0.15, 0.4]; a mid-grey ring (0.7, radii 0.08 to 0.12) at (0.7, 0.72); and a patch of
/// vertical stripes over u ∈ [0.1, 0.45], v ∈ [0.6, 0.9], 0.5 + 0.4 sign(sin(2π·S/8·u)) (period 8 pixels).
/// Later shapes cover earlier ones; the sharp edges carry the high frequencies.
/// </remarks>
public static class GeneratedImage
{
    /// <summary>The S × S image, row-major (pixel (i, j) at i·S + j).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 8.</exception>
    public static double[] Create(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        var image = new double[size * size];
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                double u = (j + 0.5) / size, v = (i + 0.5) / size;
                double value = 0.25 + 0.2 * u + 0.15 * v + 0.1 * Math.Sin(2 * Math.PI * u) * Math.Cos(2 * Math.PI * v);
                if (Sq(u - 0.3) + Sq(v - 0.3) <= Sq(0.18)) value = 0.9;
                if (u is >= 0.55 and <= 0.85 && v is >= 0.15 and <= 0.4) value = 0.1;
                double r = Math.Sqrt(Sq(u - 0.7) + Sq(v - 0.72));
                if (r is >= 0.08 and <= 0.12) value = 0.7;
                if (u is >= 0.1 and <= 0.45 && v is >= 0.6 and <= 0.9) value = 0.5 + 0.4 * Math.Sign(Math.Sin(2 * Math.PI * size / 8.0 * u + 1e-9));
                image[i * size + j] = Math.Clamp(value, 0, 1);
            }
        }

        return image;
    }

    private static double Sq(double x) => x * x;
}
