using System.Text.Json.Serialization;
using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>The domain (JSON <c>"domain": [min, max]</c>) and its grids.</summary>
public sealed record DataConfig
{
    /// <summary>The interval [min, max] the target is fitted on (min &lt; max).</summary>
    [JsonRequired]
    public Interval Domain { get; init; }

    /// <summary>Training points.</summary>
    public required TrainGridConfig Train { get; init; }

    /// <summary>Evaluation grid (uniform) on which losses and spectra are measured. Default: see <see cref="EvalGridConfig.DefaultFor"/>.</summary>
    public EvalGridConfig Eval { get; init; } = new();

    /// <summary>Left end of the domain.</summary>
    public double DomainMin => Domain.Min;

    /// <summary>Right end of the domain.</summary>
    public double DomainMax => Domain.Max;
}
