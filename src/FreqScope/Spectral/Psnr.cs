namespace FreqScope.Spectral;

/// <summary>Peak signal-to-noise ratio for images with values in [0, 1] (peak 1): PSNR = 10 log10(1 / MSE) dB.</summary>
public static class Psnr
{
    /// <summary>10 log10(1 / <paramref name="mse"/>); +∞ for an MSE of 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The MSE is negative or NaN.</exception>
    public static double FromMse(double mse)
    {
        if (!(mse >= 0)) throw new ArgumentOutOfRangeException(nameof(mse), mse, "an MSE is ≥ 0");
        return mse == 0 ? double.PositiveInfinity : -10 * Math.Log10(mse);
    }

    /// <summary>The mean squared error of <paramref name="predicted"/> against <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ or are 0.</exception>
    public static double MeanSquaredError(ReadOnlySpan<double> predicted, ReadOnlySpan<double> target)
    {
        if (predicted.Length != target.Length || predicted.Length == 0)
            throw new ArgumentException($"expected two non-empty arrays of the same length; got {predicted.Length} and {target.Length}");
        double sum = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            double d = predicted[i] - target[i];
            sum += d * d;
        }

        return sum / predicted.Length;
    }
}
