namespace FreqScope.Experiments.Classify;

/// <summary>The kinds of image pairs in paths.csv.</summary>
public static class PathProbeKinds
{
    /// <summary>Two test images of the same class.</summary>
    public const string Within = "within";

    /// <summary>Two test images of different classes.</summary>
    public const string Between = "between";
}
