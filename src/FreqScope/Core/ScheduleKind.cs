namespace FreqScope.Core;

/// <summary>The learning-rate schedule over epochs. JSON: <c>"none"</c>, <c>"step"</c> or <c>"cosine"</c>.</summary>
public enum ScheduleKind
{
    /// <summary>Constant learning rate.</summary>
    None,

    /// <summary>lr · γ^⌊epoch / stepEpochs⌋ (like <c>torch.optim.lr_scheduler.StepLR</c> stepped once per epoch).</summary>
    Step,

    /// <summary>lr · (1 + cos(π · epoch / epochs)) / 2 (like <c>CosineAnnealingLR</c> with T_max = epochs, η_min = 0).</summary>
    Cosine,
}
