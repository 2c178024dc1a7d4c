namespace FreqScope.Data;

/// <summary>How <see cref="PixelNormalizer"/> rescales raw 0 … 255 pixels.</summary>
public enum PixelNormalization
{
    /// <summary>x / 255, into [0, 1].</summary>
    Scale01,

    /// <summary>(x / 255 − mean_c) / std_c per channel c, with the training set's mean and population standard deviation.</summary>
    Standardize,
}
