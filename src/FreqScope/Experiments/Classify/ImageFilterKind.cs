namespace FreqScope.Experiments.Classify;

/// <summary>Which spatial frequencies of the images a classify run keeps. JSON: <c>"lowPass"</c> or <c>"highPass"</c>.</summary>
public enum ImageFilterKind
{
    /// <summary>The Gaussian blur of each image.</summary>
    LowPass,

    /// <summary>Each image minus its Gaussian blur.</summary>
    HighPass,
}
