namespace FreqScope.Experiments;

/// <summary>
/// The domain [<see cref="DomainMin"/>, <see cref="DomainMax"/>] and the evenly spaced points of an <c>ntk</c> run.
/// Training points: x_i = min + i·(max − min)/n (i = 0 … n − 1) without the endpoint (the periodic grid), or numpy's
/// <c>linspace(min, max, n)</c> with it. Test points: <c>linspace(min, max, m)</c>, endpoint included.
/// </summary>
public sealed record NtkDataConfig
{
    /// <summary>Left end of the domain.</summary>
    public required double DomainMin { get; init; }

    /// <summary>Right end of the domain (&gt; <see cref="DomainMin"/>).</summary>
    public required double DomainMax { get; init; }

    /// <summary>Number n of training points, 2 … <see cref="NtkConfigLoader.MaxTrainCount"/> (the kernel is n×n).</summary>
    public required int TrainCount { get; init; }

    /// <summary>Whether the last training point is the domain's right end. Default false (periodic grid).</summary>
    public bool IncludeEndpoint { get; init; }

    /// <summary>Number m of test points (0: none), at most <see cref="NtkConfigLoader.MaxTestCount"/>. Default 0.</summary>
    public int TestCount { get; init; }
}
