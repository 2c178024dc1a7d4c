namespace FreqScope.Experiments.Poisson;

/// <summary>The first recorded iteration (or training step) at which a mode's relative error fell below ε; null if never.</summary>
public sealed record ModeConvergence(int Mode, long? ConvergedAt);
