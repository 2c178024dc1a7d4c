using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Parity;

/// <summary>
/// The resolved configuration of the <c>parity</c> experiment (Xu et al. 2019, "Frequency Principle"): an MLP with d
/// inputs trained on the d-bit parity y(x) = Π_j x_j of points of {−1, 1}^d, split into a training and a test set;
/// train and test accuracy are recorded with the radially averaged spectrum of the target and of the network's output
/// on the training points. <see cref="Model"/> is read as in fit1d, without an input encoding. Every default filled
/// in; see <c>docs/config.md</c>.
/// </summary>
public sealed record ParityExperimentConfig() : ExperimentConfig(Parity), IConfigDefaults<ParityExperimentConfig>
{
    /// <summary>The experiment kind this config describes.</summary>
    public const string Parity = "parity";

    /// <summary>Largest phase table (shells × directions × training points).</summary>
    public const long MaxTableEntries = 50_000_000;

    /// <summary>Largest number of terms of the target's spectrum on all points (shells × target directions × points).</summary>
    public const long MaxTargetTerms = 2_000_000_000;

    /// <summary>The vertices and their split.</summary>
    public required ParityDataConfig Data { get; init; }

    /// <summary>The MLP (no encoding: it reads the d coordinates).</summary>
    public required ModelConfig Model { get; init; }

    /// <summary>Optimizer, batches and steps.</summary>
    public required ParityTrainingConfig Training { get; init; }

    /// <summary>The radial spectra. Default: every min(10, steps) steps, shells up to √d·π.</summary>
    public ParityProbeConfig Probe { get; init; } = new();

    /// <summary>
    /// Defaults that follow the data and steps (the probe interval, the largest radius), and the rules across
    /// sections: no encoding, batches within the training set, probes within the steps, and tables that fit.
    /// </summary>
    public ParityExperimentConfig WithDerivedDefaults(ConfigNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (Model.Encoding.Kind != InputEncodingKind.None)
            throw root.Required("model").Error("encoding", $"\"{JsonNames.Of(Model.Encoding.Kind)}\" encodes a 1-D input; the parity MLP reads the d coordinates directly, so expected \"none\"");
        if (Training.BatchSize is int batch && (batch < 1 || batch > Data.TrainCount))
            throw root.At("training.batchSize")!.OutOfRange($"an integer between 1 and the {Data.TrainCount} training points, or null for full batch");
        var probe = Probe;
        if (root.At("probe.every") is { } every)
        {
            if (probe.Every < 1 || probe.Every > Training.Steps) throw every.OutOfRange($"an integer between 1 and training.steps = {Training.Steps}");
        }
        else
        {
            probe = probe with { Every = Math.Min(new ParityProbeConfig().Every, Training.Steps) };
        }

        if (root.At("probe.maxRadius") is null) probe = probe with { MaxRadius = Math.Sqrt(Data.Dimension) * Math.PI };
        long entries = (long)probe.Radii * probe.Directions * Data.TrainCount;
        if (entries > MaxTableEntries)
            throw new ConfigException(root.Source, "$.probe.directions",
                $"{probe.Radii} shells × {probe.Directions} directions × {Data.TrainCount} training points = {entries} exceed the {MaxTableEntries} entries of the phase table; use fewer shells, directions or points");
        long terms = (long)probe.Radii * probe.TargetDirections * Data.Count;
        if (terms > MaxTargetTerms)
            throw new ConfigException(root.Source, "$.probe.targetDirections",
                $"{probe.Radii} shells × {probe.TargetDirections} directions × {Data.Count} points = {terms} terms exceed the {MaxTargetTerms} of the target's spectrum; use fewer shells, target directions or points");
        return this with { Probe = probe };
    }
}
