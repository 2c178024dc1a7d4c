using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// The resolved configuration of the <c>fourier-features</c> experiment: train a wide two-layer Fourier-feature
/// network (first-layer frequencies drawn from a chosen density ρ) on a 1-D target by full-batch gradient descent,
/// record the spectrum of its error over training, and compare it with the frequency-dynamics PDE of
/// <c>docs/frequency-pde.md</c> solved by finite elements. Produced by <see cref="FourierConfigLoader"/> with every
/// default filled in; see <c>docs/config.md</c>.
/// </summary>
public sealed record FourierExperimentConfig : IExperimentConfig
{
    /// <summary>The experiment kind this config describes.</summary>
    public const string FourierFeatures = "fourier-features";

    /// <summary>Always <c>"fourier-features"</c>.</summary>
    public string Experiment { get; init; } = FourierFeatures;

    /// <summary>Run name: non-empty, only <c>[A-Za-z0-9._-]</c>. Default <c>"fourier-features"</c>.</summary>
    public string Name { get; init; } = FourierFeatures;

    /// <summary>Seed of the network's frequencies and output weights. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary><c>"cpu"</c>, <c>"cuda"</c> or <c>"auto"</c>. Default <c>"cpu"</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The function to fit (an analytic kind: sinusoids, square, sawtooth or Gaussian bumps).</summary>
    public required TargetConfig Target { get; init; }

    /// <summary>The training window and its points.</summary>
    public required FourierDataConfig Data { get; init; }

    /// <summary>The Fourier-feature network.</summary>
    public required FourierNetworkConfig Network { get; init; }

    /// <summary>Full-batch gradient descent.</summary>
    public required FourierTrainingConfig Training { get; init; }

    /// <summary>The frequency grid on which error spectra are recorded (and the PDE is solved).</summary>
    public FourierProbeConfig Probe { get; init; } = new();

    /// <summary>The frequency PDE to compare with, or null for none.</summary>
    public FrequencyPdeConfig? Pde { get; init; }
}
