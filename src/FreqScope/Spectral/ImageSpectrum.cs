using System.Numerics;

namespace FreqScope.Spectral;

/// <summary>
/// The 2-D DFT of an image and its radial frequency bands, on plain arrays.
/// </summary>
/// <remarks>
/// Conventions: an image of H rows and W columns is stored row-major, pixel (i, j) at index i·W + j. Its DFT is
/// X[u, v] = (1/(HW)) Σ_i Σ_j x[i, j] e^{−2πi(ui/H + vj/W)} (<see cref="Dft"/>'s normalization, applied on every
/// row, then on every column). The frequency of index u is the signed k_u = u for u ≤ H/2, u − H otherwise (cycles per image height),
/// likewise k_v; the radius is |k| = sqrt(k_u² + k_v²) in cycles per image. Bands split [0, N/2], N = min(H, W), into
/// equal-width bands; DC is in band 0 and radii beyond N/2 (the corners) go to the last band.
/// </remarks>
public static class ImageSpectrum
{
    /// <summary>The 2-D DFT of a row-major H × W image (see the class remarks); row-major H × W result.</summary>
    /// <exception cref="ArgumentException">The length is not H·W, or H or W is below 1.</exception>
    public static Complex[] Forward(ReadOnlySpan<double> image, int height, int width)
    {
        Check(image.Length, height, width);
        var result = new Complex[height * width];
        for (int i = 0; i < height; i++)
        {
            var row = Dft.Forward(image.Slice(i * width, width));
            row.CopyTo(result, i * width);
        }

        var column = new Complex[height];
        for (int j = 0; j < width; j++)
        {
            for (int i = 0; i < height; i++) column[i] = result[i * width + j];
            var transformed = Dft.Forward(column);
            for (int i = 0; i < height; i++) result[i * width + j] = transformed[i];
        }

        return result;
    }

    /// <summary>The signed frequency of DFT index <paramref name="index"/> of <paramref name="n"/>: index for index ≤ n/2, index − n otherwise.</summary>
    public static int SignedFrequency(int index, int n) => index <= n / 2 ? index : index - n;

    /// <summary>The radius |k| (cycles per image) of DFT entry (u, v) of an H × W image.</summary>
    public static double Radius(int u, int v, int height, int width)
    {
        double ku = SignedFrequency(u, height), kv = SignedFrequency(v, width);
        return Math.Sqrt(ku * ku + kv * kv);
    }

    /// <summary>
    /// The band of DFT entry (u, v): floor(|k| / (N/2) · bands), N = min(H, W), capped at bands − 1 (so |k| = N/2 and
    /// the corners beyond it fall in the last band; DC is in band 0).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bands"/> is below 1.</exception>
    public static int Band(int u, int v, int height, int width, int bands)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        double half = Math.Min(height, width) / 2.0;
        int b = (int)Math.Floor(Radius(u, v, height, width) / half * bands);
        return Math.Min(b, bands - 1);
    }

    /// <summary>The lower edge of each band in cycles per image, (N/2)·b/bands, b = 0 … bands − 1.</summary>
    public static double[] BandEdges(int height, int width, int bands)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        double half = Math.Min(height, width) / 2.0;
        return Enumerable.Range(0, bands).Select(b => half * b / bands).ToArray();
    }

    /// <summary>
    /// Relative error per band, sqrt(Σ_band |P − T|² / Σ_band |T|²), of a predicted spectrum P against a target
    /// spectrum T (both row-major H × W); NaN for a band whose target energy is 0 or that holds no entry.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths are not H·W.</exception>
    public static double[] BandRelativeErrors(ReadOnlySpan<Complex> predicted, ReadOnlySpan<Complex> target, int height, int width, int bands)
    {
        Check(predicted.Length, height, width);
        Check(target.Length, height, width);
        var error = new double[bands];
        var energy = new double[bands];
        for (int u = 0; u < height; u++)
        {
            for (int v = 0; v < width; v++)
            {
                int b = Band(u, v, height, width, bands);
                int k = u * width + v;
                var d = predicted[k] - target[k];
                error[b] += d.Real * d.Real + d.Imaginary * d.Imaginary;
                energy[b] += target[k].Real * target[k].Real + target[k].Imaginary * target[k].Imaginary;
            }
        }

        var result = new double[bands];
        for (int b = 0; b < bands; b++) result[b] = energy[b] > 0 ? Math.Sqrt(error[b] / energy[b]) : double.NaN;
        return result;
    }

    private static void Check(int length, int height, int width)
    {
        if (height < 1 || width < 1) throw new ArgumentException($"an image needs H, W ≥ 1; got {height} × {width}");
        if (length != height * width) throw new ArgumentException($"expected {height} × {width} = {height * width} values; got {length}");
    }
}
