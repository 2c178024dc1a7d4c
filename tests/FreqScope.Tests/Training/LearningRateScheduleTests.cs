using FreqScope.Core;
using FreqScope.Training;

namespace FreqScope.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void ConstantScheduleKeepsTheBaseRate()
    {
        var s = new LearningRateSchedule(0.05, ScheduleKind.None, 3, 0.5, 10);
        Assert.All(new[] { 0, 1, 9, 10, 25 }, e => Assert.Equal(0.05, s.At(e)));
    }

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(2, 0.1)]
    [InlineData(3, 0.05)]
    [InlineData(5, 0.05)]
    [InlineData(6, 0.025)]
    [InlineData(9, 0.0125)]
    [InlineData(11, 0.0125)]
    public void StepScheduleDecaysByGammaEveryStepEpochs(int epoch, double expected)
    {
        var s = new LearningRateSchedule(0.1, ScheduleKind.Step, 3, 0.5, 12);
        Assert.Equal(expected, s.At(epoch), 1e-15);
    }

    [Theory]
    [InlineData(0, 0.2)]
    [InlineData(5, 0.1)]
    [InlineData(10, 0.0)]
    [InlineData(2, 0.18090169943749475)] // 0.1·(1 + cos(π/5)), cos(π/5) = (1 + √5)/4 = 0.80901699437494742
    [InlineData(8, 0.019098300562505258)] // 0.1·(1 − cos(π/5))
    public void CosineScheduleFollowsTheHalfCosine(int epoch, double expected)
    {
        var s = new LearningRateSchedule(0.2, ScheduleKind.Cosine, 1, 1, 10);
        Assert.Equal(expected, s.At(epoch), 1e-12);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateSchedule(0, ScheduleKind.None, 1, 0.1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateSchedule(double.NaN, ScheduleKind.None, 1, 0.1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateSchedule(0.1, ScheduleKind.Step, 0, 0.1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateSchedule(0.1, ScheduleKind.Step, 1, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateSchedule(0.1, ScheduleKind.Cosine, 1, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateSchedule(0.1, (ScheduleKind)7, 1, 0.1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateSchedule(0.1, ScheduleKind.None, 1, 0.1, 10).At(-1));
    }
}
