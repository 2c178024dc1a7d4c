namespace FreqScope.Experiments.Classify;

/// <summary>The image classifier. JSON: <c>"mlp"</c>, <c>"cnn"</c> or <c>"vgg"</c>.</summary>
public enum ClassifierKind
{
    /// <summary>A fully connected network on the flattened image.</summary>
    Mlp,

    /// <summary>The filtering-method CNN: conv32 3×3, ReLU, conv64 3×3, ReLU, maxpool 2, dense 400, ReLU, dense (classes).</summary>
    Cnn,

    /// <summary>VGG-11 or VGG-16 with a width multiplier and optional BatchNorm.</summary>
    Vgg,
}
