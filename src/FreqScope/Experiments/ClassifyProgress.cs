namespace FreqScope.Experiments;

/// <summary>Progress of a classify run: where training is and the latest probed numbers (NaN before the first probe).</summary>
public sealed record ClassifyProgress(
    int Epoch,
    int Epochs,
    long Step,
    long TotalSteps,
    double TrainLoss,
    double TrainAccuracy,
    double TestAccuracy,
    TimeSpan Elapsed);
