namespace FreqScope.Experiments.Parity;

/// <summary>One row of a parity run's target-spectrum.csv: the target's shell power P_y(r) on the training points and on all the run's points.</summary>
public sealed record ParityTargetRow(double Radius, double TrainPower, double AllPower);
