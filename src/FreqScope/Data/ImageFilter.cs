namespace FreqScope.Data;

/// <summary>
/// Gaussian low-pass and high-pass filtering of images in pixel space (each channel of each image on its own), to
/// train and test a classifier on only the low or only the high spatial frequencies of its data.
/// </summary>
/// <remarks>
/// Convention: the blur is the separable convolution with the sampled kernel g_k = e^(−k²/2σ²), |k| ≤ ⌈3σ⌉, normalised
/// to sum 1, along rows and then columns, σ in pixels; pixels outside the image repeat the nearest edge pixel. Its
/// response to a horizontal or vertical sinusoid of f cycles per pixel away from the edges is
/// Σ_k g_k cos(2πfk) ≈ e^(−2π²σ²f²). The high-pass part is the image minus its blur, so the two always add up to
/// the image.
/// </remarks>
public static class ImageFilter
{
    /// <summary>The blurred images (NCHW, same layout as <paramref name="pixels"/>).</summary>
    /// <exception cref="ArgumentException">The sizes do not match the array, or σ is not finite and positive.</exception>
    public static float[] LowPass(float[] pixels, int count, int channels, int height, int width, double sigma)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if ((long)count * channels * height * width != pixels.Length)
            throw new ArgumentException($"{pixels.Length} pixels are not {count} images of {channels}×{height}×{width}", nameof(pixels));
        if (!(sigma > 0) || !double.IsFinite(sigma)) throw new ArgumentException($"σ = {sigma}; expected a finite number > 0 (pixels)", nameof(sigma));
        var kernel = Kernel(sigma);
        int radius = kernel.Length / 2;
        var result = new float[pixels.Length];
        int plane = height * width;
        Parallel.For(0, count * channels, p =>
        {
            var row = new double[plane];
            int offset = p * plane;
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    double sum = 0;
                    for (int k = -radius; k <= radius; k++) sum += kernel[k + radius] * pixels[offset + y * width + Math.Clamp(x + k, 0, width - 1)];
                    row[y * width + x] = sum;
                }

            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    double sum = 0;
                    for (int k = -radius; k <= radius; k++) sum += kernel[k + radius] * row[Math.Clamp(y + k, 0, height - 1) * width + x];
                    result[offset + y * width + x] = (float)sum;
                }
        });
        return result;
    }

    /// <summary>The images minus their <see cref="LowPass"/> blur.</summary>
    public static float[] HighPass(float[] pixels, int count, int channels, int height, int width, double sigma)
    {
        var low = LowPass(pixels, count, channels, height, width, sigma);
        for (int i = 0; i < low.Length; i++) low[i] = pixels[i] - low[i];
        return low;
    }

    /// <summary>g_k = e^(−k²/2σ²) for |k| ≤ ⌈3σ⌉, normalised to sum 1.</summary>
    public static double[] Kernel(double sigma)
    {
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var g = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) sum += g[k + radius] = Math.Exp(-k * k / (2 * sigma * sigma));
        for (int i = 0; i < g.Length; i++) g[i] /= sum;
        return g;
    }
}
