using FreqScope.Core;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Training;
using static TorchSharp.torch;

namespace FreqScope.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class ClassificationLossesTests
{
    public ClassificationLossesTests() => NativeLoader.EnsureLoaded();

    private const int N = 5, K = 4;

    private static double[,] Outputs()
    {
        var r = new Random(7);
        var o = new double[N, K];
        for (int i = 0; i < N; i++)
            for (int c = 0; c < K; c++) o[i, c] = Math.Round(6 * r.NextDouble() - 3, 3);
        return o;
    }

    private static readonly long[] Labels = [0, 3, 1, 3, 2];

    private static Tensor ToTensor(double[,] o) => tensor(o.Cast<double>().Select(v => (float)v).ToArray()).reshape(N, K);

    [Fact]
    public void CrossEntropyIsTheMeanNegativeLogSoftmaxAtTheLabel()
    {
        var o = Outputs();
        double expected = 0;
        for (int i = 0; i < N; i++)
        {
            double max = Enumerable.Range(0, K).Max(c => o[i, c]);
            double logSum = max + Math.Log(Enumerable.Range(0, K).Sum(c => Math.Exp(o[i, c] - max)));
            expected += logSum - o[i, Labels[i]];
        }
        expected /= N;
        using var scope = NewDisposeScope();
        var loss = ClassificationLosses.Compute(ToTensor(o), tensor(Labels), LossKind.CrossEntropy, K);
        Assert.Equal(0, loss.dim());
        Assert.Equal(expected, loss.item<float>(), 1e-5);
    }

    [Fact]
    public void MseIsTheMeanOverSamplesAndClassesOfTheSquaredErrorToOneHot()
    {
        var o = Outputs();
        double expected = 0;
        for (int i = 0; i < N; i++)
            for (int c = 0; c < K; c++)
            {
                double d = o[i, c] - (c == Labels[i] ? 1 : 0);
                expected += d * d;
            }
        expected /= N * K;
        using var scope = NewDisposeScope();
        var loss = ClassificationLosses.Compute(ToTensor(o), tensor(Labels), LossKind.Mse, K);
        Assert.Equal(expected, loss.item<float>(), 1e-5);
    }

    [Fact]
    public void ProbabilitiesAreTheSoftmaxForCrossEntropyAndTheRawOutputsForMse()
    {
        var o = Outputs();
        using var scope = NewDisposeScope();
        var outputs = ToTensor(o);
        var p = ClassificationLosses.Probabilities(outputs, LossKind.CrossEntropy).to(float64).data<double>().ToArray();
        for (int i = 0; i < N; i++)
        {
            double z = Enumerable.Range(0, K).Sum(c => Math.Exp(o[i, c]));
            Assert.Equal(1.0, p.Skip(i * K).Take(K).Sum(), 1e-6);
            for (int c = 0; c < K; c++) Assert.Equal(Math.Exp(o[i, c]) / z, p[i * K + c], 1e-6);
        }
        var raw = ClassificationLosses.Probabilities(outputs, LossKind.Mse);
        Assert.Equal(outputs.data<float>().ToArray(), raw.data<float>().ToArray());
    }

    [Fact]
    public void MismatchedShapesAndLabelTypesAreRejected()
    {
        using var scope = NewDisposeScope();
        var outputs = zeros(3, 4);
        Assert.Throws<ArgumentException>(() => ClassificationLosses.Compute(outputs, tensor(new long[] { 0, 1, 2 }), LossKind.Mse, 5));
        Assert.Throws<ArgumentException>(() => ClassificationLosses.Compute(outputs, tensor(new long[] { 0, 1 }), LossKind.CrossEntropy, 4));
        Assert.Throws<ArgumentException>(() => ClassificationLosses.Compute(outputs, tensor(new int[] { 0, 1, 2 }), LossKind.CrossEntropy, 4));
    }
}
