namespace FreqScope.Data;

/// <summary>Rescales raw pixels (0 … 255) of a training and a test set the same way, with statistics of the training set only.</summary>
public static class PixelNormalizer
{
    /// <summary>
    /// Normalises <paramref name="train"/> and <paramref name="test"/>. Both modes report the training set's
    /// per-channel mean and population standard deviation of pixel / 255, computed in double precision:
    /// <see cref="PixelNormalization.Scale01"/> only reports them (output x / 255);
    /// <see cref="PixelNormalization.Standardize"/> uses them (output (x / 255 − mean_c) / std_c, on both sets).
    /// </summary>
    /// <exception cref="ArgumentException">The sets have different image shapes, or (to standardise) a training channel is constant.</exception>
    public static NormalizedPair Apply(ImageDataset train, ImageDataset test, PixelNormalization mode)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.Channels != test.Channels || train.Height != test.Height || train.Width != test.Width)
        {
            throw new ArgumentException(
                $"{train.Name} has {train.Channels}×{train.Height}×{train.Width} images but {test.Name} has {test.Channels}×{test.Height}×{test.Width}; expected the same shape", nameof(test));
        }

        if (train.Count == 0) throw new ArgumentException($"{train.Name} is empty; its statistics are undefined", nameof(train));
        var (means, stds) = ChannelStatistics(train);

        switch (mode)
        {
            case PixelNormalization.Scale01:
                return new NormalizedPair(Transform(train, [0.0], [1.0]), Transform(test, [0.0], [1.0]), means, stds);
            case PixelNormalization.Standardize:
                for (int c = 0; c < stds.Length; c++)
                {
                    if (stds[c] == 0) throw new ArgumentException($"channel {c} of {train.Name} is constant ({means[c] * 255} everywhere); it cannot be standardised", nameof(train));
                }

                return new NormalizedPair(Transform(train, means, stds), Transform(test, means, stds), means, stds);
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "expected Scale01 or Standardize");
        }
    }

    /// <summary>Per-channel mean and population standard deviation of pixel / 255 (two passes, double precision).</summary>
    private static (double[] Means, double[] Stds) ChannelStatistics(ImageDataset data)
    {
        int channels = data.Channels, plane = data.Height * data.Width;
        var means = new double[channels];
        var stds = new double[channels];
        double n = (double)data.Count * plane;
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int i = 0; i < data.Count; i++)
            {
                foreach (var p in Plane(data, i, c, plane)) sum += p / 255.0;
            }

            double mean = sum / n, squares = 0;
            for (int i = 0; i < data.Count; i++)
            {
                foreach (var p in Plane(data, i, c, plane))
                {
                    double d = p / 255.0 - mean;
                    squares += d * d;
                }
            }

            means[c] = mean;
            stds[c] = Math.Sqrt(squares / n);
        }

        return (means, stds);
    }

    private static ReadOnlySpan<float> Plane(ImageDataset data, int image, int channel, int plane) =>
        data.Pixels.AsSpan((image * data.Channels + channel) * plane, plane);

    /// <summary>(x / 255 − mean_c) / std_c; a one-element mean/std array applies to every channel.</summary>
    private static ImageDataset Transform(ImageDataset data, double[] means, double[] stds)
    {
        int channels = data.Channels, plane = data.Height * data.Width;
        var output = new float[data.Pixels.Length];
        for (int i = 0; i < data.Count; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                double mean = means[means.Length == 1 ? 0 : c], std = stds[stds.Length == 1 ? 0 : c];
                int offset = (i * channels + c) * plane;
                for (int k = 0; k < plane; k++) output[offset + k] = (float)((data.Pixels[offset + k] / 255.0 - mean) / std);
            }
        }

        return data.WithPixels(output);
    }
}
