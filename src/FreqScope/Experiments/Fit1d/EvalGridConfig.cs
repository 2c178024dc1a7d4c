using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Fit1d;

/// <summary>The evaluation grid; always uniform.</summary>
public sealed record EvalGridConfig
{
    /// <summary>Number of points (≥ 2). Default: the training grid's, see <see cref="DefaultFor"/>.</summary>
    [Range(2)]
    public int Count { get; init; } = 2;

    /// <summary>Whether the last point is the domain's right end. Default: see <see cref="DefaultFor"/>.</summary>
    public bool IncludeEndpoint { get; init; } = true;

    /// <summary>
    /// The evaluation grid used when the config gives none (or leaves a field out): the training grid itself when
    /// it is uniform, else 4 × the training count without the endpoint.
    /// </summary>
    public static EvalGridConfig DefaultFor(TrainGridConfig train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return train.Sampling == Sampling.Uniform
            ? new EvalGridConfig { Count = train.Count, IncludeEndpoint = train.IncludeEndpoint }
            : new EvalGridConfig { Count = (int)Math.Min(4L * train.Count, int.MaxValue), IncludeEndpoint = false };
    }
}
