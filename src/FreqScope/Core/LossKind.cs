namespace FreqScope.Core;

/// <summary>The classification loss. JSON: <c>"crossEntropy"</c> or <c>"mse"</c>.</summary>
public enum LossKind
{
    /// <summary>Cross-entropy of the logits against the class labels (mean over the batch), like <c>nn.CrossEntropyLoss</c>.</summary>
    CrossEntropy,

    /// <summary>Mean squared error of the raw outputs against one-hot labels, averaged over samples and classes (like <c>F.mse_loss(out, one_hot)</c>).</summary>
    Mse,
}
