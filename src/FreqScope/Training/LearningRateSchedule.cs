using FreqScope.Core;

namespace FreqScope.Training;

/// <summary>
/// The learning rate at each (0-based) epoch: <see cref="ScheduleKind.None"/> → base;
/// <see cref="ScheduleKind.Step"/> → base·γ^⌊epoch/stepEpochs⌋ (PyTorch's <c>StepLR</c> stepped once per epoch);
/// <see cref="ScheduleKind.Cosine"/> → base·(1 + cos(π·epoch/totalEpochs))/2 (<c>CosineAnnealingLR</c> with
/// T_max = totalEpochs, η_min = 0).
/// </summary>
public sealed record LearningRateSchedule
{
    /// <summary>The learning rate at epoch 0.</summary>
    public double BaseRate { get; }

    /// <summary>Which schedule.</summary>
    public ScheduleKind Kind { get; }

    /// <summary>Epochs between decays of <see cref="ScheduleKind.Step"/>.</summary>
    public int StepEpochs { get; }

    /// <summary>Decay factor of <see cref="ScheduleKind.Step"/>.</summary>
    public double Gamma { get; }

    /// <summary>The planned number of epochs (the cosine's half period).</summary>
    public int TotalEpochs { get; }

    /// <param name="baseRate">Learning rate at epoch 0, finite and &gt; 0.</param>
    /// <param name="kind">Schedule kind.</param>
    /// <param name="stepEpochs">Epochs between step decays, ≥ 1 (checked for every kind).</param>
    /// <param name="gamma">Step decay factor, finite and &gt; 0 (checked for every kind).</param>
    /// <param name="totalEpochs">Planned epochs, ≥ 1.</param>
    public LearningRateSchedule(double baseRate, ScheduleKind kind, int stepEpochs, double gamma, int totalEpochs)
    {
        if (!(baseRate > 0) || double.IsInfinity(baseRate))
            throw new ArgumentOutOfRangeException(nameof(baseRate), baseRate, "the base learning rate must be a finite number > 0");
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown schedule");
        if (stepEpochs < 1)
            throw new ArgumentOutOfRangeException(nameof(stepEpochs), stepEpochs, "the step schedule's period must be at least 1 epoch");
        if (!(gamma > 0) || double.IsInfinity(gamma))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "the step schedule's decay factor must be a finite number > 0");
        if (totalEpochs < 1)
            throw new ArgumentOutOfRangeException(nameof(totalEpochs), totalEpochs, "the number of epochs must be at least 1");
        BaseRate = baseRate;
        Kind = kind;
        StepEpochs = stepEpochs;
        Gamma = gamma;
        TotalEpochs = totalEpochs;
    }

    /// <summary>The learning rate for the 0-based <paramref name="epoch"/> (≥ 0; the cosine continues periodically past <see cref="TotalEpochs"/>, like PyTorch's).</summary>
    public double At(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Kind switch
        {
            ScheduleKind.None => BaseRate,
            ScheduleKind.Step => BaseRate * Math.Pow(Gamma, epoch / StepEpochs),
            ScheduleKind.Cosine => BaseRate * (1 + Math.Cos(Math.PI * epoch / TotalEpochs)) / 2,
            _ => throw new InvalidOperationException($"unknown schedule {Kind}"),
        };
    }
}
