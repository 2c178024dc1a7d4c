namespace FreqScope.Experiments;

/// <summary>The domain [<see cref="DomainMin"/>, <see cref="DomainMax"/>] (JSON <c>"domain": [min, max]</c>) and its grids.</summary>
public sealed record DataConfig
{
    /// <summary>Left end of the domain.</summary>
    public required double DomainMin { get; init; }

    /// <summary>Right end of the domain (&gt; <see cref="DomainMin"/>).</summary>
    public required double DomainMax { get; init; }

    /// <summary>Training points.</summary>
    public required TrainGridConfig Train { get; init; }

    /// <summary>Evaluation grid (uniform) on which losses and spectra are measured.</summary>
    public required EvalGridConfig Eval { get; init; }
}
