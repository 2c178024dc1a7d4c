namespace FreqScope.Experiments;

/// <summary>When and how a <c>classify</c> run is measured. At least one of filtering, projection and paths is required.</summary>
public sealed record ClassifyProbeConfig
{
    /// <summary>Epochs between probes (≥ 1); epoch 0 (before training) and the last epoch are always probed. Default 1.</summary>
    public int Every { get; init; } = 1;

    /// <summary>Batch size of the forward passes that evaluate the network (≥ 1). Default 1000.</summary>
    public int EvalBatchSize { get; init; } = 1000;

    /// <summary>The filtering method, or null.</summary>
    public FilteringConfig? Filtering { get; init; }

    /// <summary>The projection method, or null.</summary>
    public ProjectionConfig? Projection { get; init; }

    /// <summary>The interpolation-path spectrum, or null.</summary>
    public PathsConfig? Paths { get; init; }
}
