using System.Text.Json.Serialization;
using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Ntk;

/// <summary>
/// The domain and the evenly spaced points of an <c>ntk</c> run. Training points: x_i = min + i·(max − min)/n
/// (i = 0 … n − 1) without the endpoint (the periodic grid), or numpy's <c>linspace(min, max, n)</c> with it. Test
/// points: <c>linspace(min, max, m)</c>, endpoint included.
/// </summary>
public sealed record NtkDataConfig : IConfigRules
{
    /// <summary>Most training points: the kernel is n×n float64 (4000² · 8 bytes = 128 MB).</summary>
    public const int MaxTrainCount = 4000;

    /// <summary>Most test points: the cross kernel Θ₀(x*, X) is m×n float64 (10 000 × 4000 · 8 bytes = 320 MB).</summary>
    public const int MaxTestCount = 10_000;

    /// <summary>The domain [min, max].</summary>
    [JsonRequired]
    public Interval Domain { get; init; }

    /// <summary>Number n of training points, 2 to 4000 (the kernel is n×n).</summary>
    [Range(2, MaxTrainCount, Note = " (the NTK is n×n)")]
    public required int TrainCount { get; init; }

    /// <summary>Whether the last training point is the domain's right end. Default false (periodic grid).</summary>
    public bool IncludeEndpoint { get; init; }

    /// <summary>Number m of test points: 0 (none) or 2 to 10 000. Default 0.</summary>
    public int TestCount { get; init; }

    /// <summary>Left end of the domain.</summary>
    public double DomainMin => Domain.Min;

    /// <summary>Right end of the domain.</summary>
    public double DomainMax => Domain.Max;

    /// <summary>Test points are none or at least two.</summary>
    public void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (TestCount is not (0 or (>= 2 and <= MaxTestCount)) && node.Optional("testCount") is { } test)
            throw test.OutOfRange($"0 (no test points) or an integer between 2 and {MaxTestCount}");
    }
}
