namespace FreqScope.Experiments;

/// <summary>Where a poisson run is: which method (of how many), its iteration and current error ‖u − u_h‖∞.</summary>
public sealed record PoissonProgress(string Method, int MethodIndex, int MethodCount, long Iteration, long IterationLimit, double Error);
