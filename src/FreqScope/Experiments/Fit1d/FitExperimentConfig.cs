using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Fit1d;

/// <summary>
/// The resolved configuration of the <c>fit1d</c> experiment (fit a 1-D target function with an MLP and watch
/// its spectrum), every default filled in; see <c>docs/config.md</c>.
/// </summary>
public sealed record FitExperimentConfig() : ExperimentConfig(Fit1d), IConfigDefaults<FitExperimentConfig>
{
    /// <summary>The only experiment kind this config describes.</summary>
    public const string Fit1d = "fit1d";

    /// <summary>The function to fit.</summary>
    public required TargetConfig Target { get; init; }

    /// <summary>Domain and sampling grids.</summary>
    public required FitDataConfig Data { get; init; }

    /// <summary>The network.</summary>
    public required ModelConfig Model { get; init; }

    /// <summary>Optimizer and schedule.</summary>
    public FitTrainingConfig Training { get; init; } = new();

    /// <summary>Spectral probing.</summary>
    public FitProbeConfig Probe { get; init; } = new();

    /// <summary>The evaluation grid defaults to the training grid; batches and kept coefficients are bounded by the grids.</summary>
    public FitExperimentConfig WithDerivedDefaults(ConfigNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var fallback = EvalGridConfig.DefaultFor(Data.Train);
        var eval = new EvalGridConfig
        {
            Count = root.At("data.eval.count") is null ? fallback.Count : Data.Eval.Count,
            IncludeEndpoint = root.At("data.eval.includeEndpoint") is null ? fallback.IncludeEndpoint : Data.Eval.IncludeEndpoint,
        };
        if (Training.BatchSize is int batch && (batch < 1 || batch > Data.Train.Count))
            throw root.At("training.batchSize")!.OutOfRange($"an integer between 1 and the train count ({Data.Train.Count}), or null for full batch");
        var most = eval.Count / 2 + 1;
        if (Probe.Keep is int keep && (keep < 1 || keep > most))
            throw root.At("probe.keep")!.OutOfRange($"an integer between 1 and n/2 + 1 = {most} (n = {eval.Count} evaluation points), or null for all");
        return this with { Data = Data with { Eval = eval } };
    }
}
