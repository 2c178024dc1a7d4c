using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Data;
using FreqScope.Spectral;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>
/// The resolved configuration of the <c>fourier-features</c> experiment: train a wide two-layer Fourier-feature
/// network (first-layer frequencies drawn from a chosen density ρ) on a 1-D target by full-batch gradient descent,
/// record the spectrum of its error over training, and compare it with the frequency-dynamics PDE of
/// <c>docs/frequency-pde.md</c> solved by finite elements. Every default filled in; see <c>docs/config.md</c>.
/// </summary>
public sealed record FourierExperimentConfig() : ExperimentConfig(FourierFeatures), IConfigDefaults<FourierExperimentConfig>
{
    /// <summary>The experiment kind this config describes.</summary>
    public const string FourierFeatures = "fourier-features";

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

    /// <summary>
    /// The rules that need several sections: an analytic target, finite on the points; probes within the steps; a
    /// probe grid that resolves the window (spacing below 1/(2L)); DFT tables that fit in memory.
    /// </summary>
    public FourierExperimentConfig WithDerivedDefaults(ConfigNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var targetNode = root.Required("target");
        Target.RequireAnalytic(targetNode, FourierFeatures);
        if (root.At("probe.every") is { } every && (Probe.Every < 1 || Probe.Every > Training.Steps))
            throw every.OutOfRange($"an integer between 1 and training.steps = {Training.Steps}");
        var target = TargetFactory.Create(Target, null);
        foreach (var v in Data.Coordinates())
        {
            if (!double.IsFinite(target.Evaluate(v)))
                throw targetNode.Error($"the target is not finite at x = {v.ToString("R", CultureInfo.InvariantCulture)}");
        }

        double spacing = Probe.MaxFrequency / (Probe.Nodes / 2);
        if (spacing > 0.5 / Data.Length)
            throw new ConfigException(root.Source, "$.probe.nodes",
                $"{Probe.Nodes} nodes over [−{Fmt(Probe.MaxFrequency)}, {Fmt(Probe.MaxFrequency)}] are {Fmt(spacing)} apart, too coarse for a window of length {Fmt(Data.Length)}; expected a spacing ≤ 1/(2L) = {Fmt(0.5 / Data.Length)}, i.e. at least {2 * Math.Ceiling(Probe.MaxFrequency * 2 * Data.Length) + 1:0} nodes");
        if ((long)Data.Points * (Probe.Nodes / 2 + 1) > NonUniformDftMatrix.MaxEntries)
            throw new ConfigException(root.Source, "$.probe.nodes",
                $"{Data.Points} points × {Probe.Nodes / 2 + 1} non-negative frequencies exceed the {NonUniformDftMatrix.MaxEntries} entries of the DFT table; use fewer points or nodes");
        return this;
    }

    private static string Fmt(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
