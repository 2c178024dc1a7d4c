namespace FreqScope.Experiments.Poisson;

/// <summary>
/// One analysed mode of the discrete solution: its index (1-D: the sine mode k, sin(kπ(x − min)/L); 2-D: the shell
/// s = round(√(k² + l²))), its frequency in cycles per unit length (s / 2L), and its amplitude |û|.
/// </summary>
public sealed record PoissonModeInfo(int Mode, double Frequency, double Amplitude);
