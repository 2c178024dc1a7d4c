namespace FreqScope.Experiments;

/// <summary>Where an ntk run is: its step, the two training losses and the discrepancy ‖f − f_lin‖ / ‖y − f₀‖ on the training points.</summary>
public sealed record NtkProgress(long Step, long Steps, double LossReal, double LossLinear, double Discrepancy);
