using FreqScope.Core.Kinds;

namespace FreqScope.Experiments;

/// <summary>The experiment kinds FreqScope ships: the one list of them (the first is the default of a config that names none).</summary>
public static class ExperimentKinds
{
    /// <summary>Every built-in kind.</summary>
    public static ExperimentRegistry Registry { get; } = new(
    [
        FitExperiment.Instance,
        ClassifyExperiment.Instance,
        PoissonExperiment.Instance,
        FourierExperiment.Instance,
        NtkExperiment.Instance,
        ParityExperiment.Instance,
        ImageFitExperiment.Instance,
    ]);
}
