using FreqScope.Data;
using System.Text.Json.Serialization;
using FreqScope.Core;

namespace FreqScope.Experiments.Fit1d;

/// <summary>The domain (JSON <c>"domain": [min, max]</c>) and its grids.</summary>
public sealed record FitDataConfig
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

    /// <summary>The training points: the uniform grid, or random draws from <paramref name="seed"/> (<see cref="Grid"/>).</summary>
    public double[] TrainPoints(long seed) => Train.Sampling == Sampling.Random
        ? Grid.Random(Domain.Min, Domain.Max, Train.Count, seed)
        : Grid.Uniform(Domain.Min, Domain.Max, Train.Count, Train.IncludeEndpoint);

    /// <summary>The (uniform) evaluation grid.</summary>
    public double[] EvalPoints() => Grid.Uniform(Domain.Min, Domain.Max, Eval.Count, Eval.IncludeEndpoint);
}
