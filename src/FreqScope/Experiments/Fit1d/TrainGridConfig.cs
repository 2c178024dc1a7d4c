using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Fit1d;

/// <summary>The training points.</summary>
public sealed record TrainGridConfig
{
    /// <summary>The most training points.</summary>
    public const int MaxCount = 10_000_000;

    /// <summary>Uniform grid or random draws. Default uniform.</summary>
    public Sampling Sampling { get; init; } = Sampling.Uniform;

    /// <summary>Number of points, 2 to 10 000 000.</summary>
    [Range(2, MaxCount)]
    public required int Count { get; init; }

    /// <summary>For a uniform grid, whether the last point is the domain's right end (numpy <c>linspace</c>'s <c>endpoint</c>). Default true; ignored by random sampling.</summary>
    public bool IncludeEndpoint { get; init; } = true;
}
