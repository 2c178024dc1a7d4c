using FreqScope.Core.Kinds;
using FreqScope.Experiments.Fit1d;
using FreqScope.Experiments.Classify;
using FreqScope.Experiments.Poisson;
using FreqScope.Experiments.FourierFeatures;
using FreqScope.Experiments.Ntk;
using FreqScope.Experiments.Parity;
using FreqScope.Experiments.ImageFit;

namespace FreqScope.Experiments;

/// <summary>
/// The experiment kinds FreqScope knows: the one list of the built-in kinds (the first is the default of a config
/// that names none), and <see cref="Register"/> for a kind defined elsewhere (a plugin, a test). Everything that
/// handles runs of any kind (the command line, sweeps, reports, schemas) asks <see cref="Registry"/>.
/// </summary>
public static class ExperimentKinds
{
    private static readonly Lock Gate = new();

    private static ExperimentRegistry _registry = new(
    [
        FitExperiment.Instance,
        ClassifyExperiment.Instance,
        PoissonExperiment.Instance,
        FourierExperiment.Instance,
        NtkExperiment.Instance,
        ParityExperiment.Instance,
        ImageFitExperiment.Instance,
    ]);

    private static readonly AsyncLocal<ExperimentRegistry?> Scoped = new();

    /// <summary>Every kind: the built-in ones, then those registered (and, in a <see cref="Scope"/>, its kind), in order.</summary>
    public static ExperimentRegistry Registry => Scoped.Value ?? Volatile.Read(ref _registry);

    /// <summary>
    /// Adds <paramref name="kind"/> to <see cref="Registry"/> for the current flow of execution only (this thread and
    /// the tasks it starts) until the returned value is disposed: what a test uses, so that tests running beside it
    /// still see the kinds they expect.
    /// </summary>
    public static IDisposable Scope(IExperimentKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var previous = Scoped.Value;
        Scoped.Value = Registry.With(kind);
        return new Restore(previous);
    }

    private sealed class Restore(ExperimentRegistry? previous) : IDisposable
    {
        public void Dispose() => Scoped.Value = previous;
    }

    /// <summary>
    /// Adds <paramref name="kind"/> to <see cref="Registry"/> for the rest of the process (registering the same kind
    /// again does nothing). Child processes of a sweep's local or Slurm backend run the <c>freqscope</c> program,
    /// which knows the built-in kinds only; a registered kind sweeps in process.
    /// </summary>
    /// <exception cref="ArgumentException">Another kind of that name is known.</exception>
    public static void Register(IExperimentKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        lock (Gate)
        {
            var known = _registry.Find(kind.Name);
            if (ReferenceEquals(known, kind)) return;
            if (known is not null) throw new ArgumentException($"an experiment kind named \"{kind.Name}\" is already registered", nameof(kind));
            Volatile.Write(ref _registry, _registry.With(kind));
        }
    }
}
