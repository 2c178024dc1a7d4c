namespace FreqScope.Spectral;

/// <summary>
/// When one frequency peak's relative error fell below ε during training (see <see cref="Convergence.Analyze"/>).
/// </summary>
/// <param name="ConvergedAtStep">The first recorded step whose error is &lt; ε; null if it never was.</param>
/// <param name="StableFromStep">
/// The first recorded step from which the error stays &lt; ε at every later recorded step (it may bounce above ε
/// after <paramref name="ConvergedAtStep"/>, e.g. on Adam spikes); null if the last recorded error is not &lt; ε.
/// </param>
public readonly record struct PeakConvergence(long? ConvergedAtStep, long? StableFromStep);
