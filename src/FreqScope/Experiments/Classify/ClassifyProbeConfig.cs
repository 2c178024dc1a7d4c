using FreqScope.Core.Config;

namespace FreqScope.Experiments.Classify;

/// <summary>When and how a <c>classify</c> run is measured. At least one of filtering, projection and paths is required.</summary>
public sealed record ClassifyProbeConfig : IConfigRules
{
    /// <summary>Epochs between probes (≥ 1); epoch 0 (before training) and the last epoch are always probed. Default 1.</summary>
    [Range(1)]
    public int Every { get; init; } = 1;

    /// <summary>Batch size of the forward passes that evaluate the network (≥ 1). Default 1000.</summary>
    [Range(1)]
    public int EvalBatchSize { get; init; } = 1000;

    /// <summary>The filtering method, or null.</summary>
    public FilteringConfig? Filtering { get; init; }

    /// <summary>The projection method, or null.</summary>
    public ProjectionConfig? Projection { get; init; }

    /// <summary>The interpolation-path spectrum, or null.</summary>
    public PathsConfig? Paths { get; init; }

    /// <summary>A run measures at least one of the three.</summary>
    public void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Filtering is null && Projection is null && Paths is null)
            throw node.Error("needs \"filtering\", \"projection\" or \"paths\" (or several): a classify run measures at least one of them");
    }
}
