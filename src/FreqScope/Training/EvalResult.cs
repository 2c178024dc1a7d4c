namespace FreqScope.Training;

/// <summary>A classifier's loss and accuracy on a data set.</summary>
/// <param name="MeanLoss">The loss averaged over samples (for <c>Mse</c> also over classes, as in training).</param>
/// <param name="Accuracy">The fraction of samples whose largest output is at the true class, in [0, 1].</param>
public sealed record EvalResult(double MeanLoss, double Accuracy);
