using FreqScope.Native;
using FreqScope.Spectral;
using FreqScope.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FreqScope.Tests.Spectral;

[Collection(TorchCollection.Name)]
public sealed class GaussianFilterTests
{
    private const int N = 157, D = 13, M = 3;

    public GaussianFilterTests() => NativeLoader.EnsureLoaded();

    private static float[] Uniform(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)random.NextDouble()).ToArray();
    }

    private static float[] ToArray(Tensor t) => t.contiguous().data<float>().ToArray();

    /// <summary>Brute force in double: y^low_i = Σ_j y_j e^{−|x_i − x_j|²/(2δ)} / Σ_j e^{−|x_i − x_j|²/(2δ)}.</summary>
    private static double[] BruteForce(float[] x, float[] y, int n, int d, int m, double delta)
    {
        var result = new double[n * m];
        for (var i = 0; i < n; i++)
        {
            double weightSum = 0;
            var sums = new double[m];
            for (var j = 0; j < n; j++)
            {
                double distance = 0;
                for (var k = 0; k < d; k++)
                {
                    var diff = (double)x[(i * d) + k] - x[(j * d) + k];
                    distance += diff * diff;
                }

                var g = Math.Exp(-distance / (2 * delta));
                weightSum += g;
                for (var c = 0; c < m; c++) sums[c] += g * y[(j * m) + c];
            }

            for (var c = 0; c < m; c++) result[(i * m) + c] = sums[c] / weightSum;
        }

        return result;
    }

    public static TheoryData<long, int> Modes => new()
    {
        { 1L << 30, 0 },  // cached, one block
        { 1L << 30, 20 }, // cached, blocks of 20 (157 is prime)
        { 0, 0 },         // streaming, one block
        { 0, 20 },        // streaming, blocks of 20
        { 0, 1 },         // streaming, one row at a time
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void MatchesABruteForceDoublePrecisionComputation(long budget, int blockRows)
    {
        var x = Uniform(N * D, 1);
        var y = Uniform(N * M, 2).Select(v => (2 * v) - 1).ToArray();
        double[] deltas = [0.05, 0.3, 2, 40];
        using var xt = tensor(x, [N, D]);
        using var yt = tensor(y, [N, M]);
        using var filter = new GaussianFilter(xt, deltas, budget, blockRows);
        Assert.Equal(budget > 0, filter.KernelsCached);
        Assert.Equal(N, filter.Count);
        Assert.Equal(deltas, filter.Deltas);
        Assert.Equal(blockRows == 0 ? N : blockRows, filter.BlockRows);

        var lows = filter.LowPass(yt);
        try
        {
            Assert.Equal(deltas.Length, lows.Length);
            for (var k = 0; k < deltas.Length; k++)
            {
                Assert.Equal([N, M], lows[k].shape);
                var expected = BruteForce(x, y, N, D, M, deltas[k]);
                var actual = ToArray(lows[k]);
                var scale = expected.Max(Math.Abs);
                var error = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max() / scale;
                Assert.True(error < 1e-5, $"δ = {deltas[k]}: relative error {error}");
            }
        }
        finally
        {
            foreach (var t in lows) t.Dispose();
        }
    }

    [Theory]
    [InlineData(1L << 30)]
    [InlineData(0L)]
    public void ConstantPassesUnchangedTinyDeltaIsIdentityHugeDeltaIsTheMean(long budget)
    {
        var x = Uniform(N * D, 3);
        var y = Uniform(N * 2, 4);
        for (var i = 0; i < N; i++) y[(i * 2) + 1] = 0.75f; // column 1 constant
        using var xt = tensor(x, [N, D]);
        using var yt = tensor(y, [N, 2]);
        using var filter = new GaussianFilter(xt, [1e-7, 0.5, 1e9], budget, 37);

        var lows = filter.LowPass(yt);
        try
        {
            var tiny = ToArray(lows[0]);
            var medium = ToArray(lows[1]);
            var huge = ToArray(lows[2]);
            var mean = Enumerable.Range(0, N).Average(i => (double)y[i * 2]);
            for (var i = 0; i < N; i++)
            {
                foreach (var low in new[] { tiny, medium, huge }) Assert.Equal(0.75, low[(i * 2) + 1], 1e-6);
                Assert.Equal(y[i * 2], tiny[i * 2], 1e-6);
                Assert.Equal(mean, huge[i * 2], 1e-5);
            }

            // A real smoothing sits strictly between: it moves values toward the mean but not all the way.
            var spread = Enumerable.Range(0, N).Select(i => Math.Abs(medium[i * 2] - mean)).Max();
            var original = Enumerable.Range(0, N).Select(i => Math.Abs(y[i * 2] - mean)).Max();
            Assert.InRange(spread, 1e-3, 0.9 * original);
        }
        finally
        {
            foreach (var t in lows) t.Dispose();
        }
    }

    [Theory]
    [InlineData(1L << 30)]
    [InlineData(0L)]
    public void LiveTensorCountDoesNotGrowOverRepeatedCalls(long budget)
    {
        using var xt = tensor(Uniform(N * D, 5), [N, D]);
        using var yt = tensor(Uniform(N * M, 6), [N, M]);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var beforeFilter = Tensor.TotalCount;
        using (var filter = new GaussianFilter(xt, [0.1, 1.0], budget, 50))
        {
            foreach (var t in filter.LowPass(yt)) t.Dispose();
            var before = Tensor.TotalCount;
            for (var call = 0; call < 20; call++)
            {
                foreach (var t in filter.LowPass(yt)) t.Dispose();
            }

            Assert.Equal(before, Tensor.TotalCount);
        }

        Assert.Equal(beforeFilter, Tensor.TotalCount);
    }

    [Fact]
    public void RejectsBadArgumentsAndUseAfterDispose()
    {
        using var xt = tensor(Uniform(N * D, 7), [N, D]);
        using var x64 = xt.to(float64);
        using var flat = xt.reshape(-1);
        Assert.Throws<ArgumentException>(() => new GaussianFilter(x64, [1.0]));
        Assert.Throws<ArgumentException>(() => new GaussianFilter(flat, [1.0]));
        Assert.Throws<ArgumentException>(() => new GaussianFilter(xt, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianFilter(xt, [1.0, 0.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianFilter(xt, [double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianFilter(xt, [1.0], -1));

        var filter = new GaussianFilter(xt, [1.0]);
        using var wrongRows = zeros(N + 1, 2);
        using var wrongType = zeros(N, 2, dtype: float64);
        Assert.Throws<ArgumentException>(() => filter.LowPass(wrongRows));
        Assert.Throws<ArgumentException>(() => filter.LowPass(wrongType));
        filter.Dispose();
        filter.Dispose();
        using var fine = zeros(N, 2);
        Assert.Throws<ObjectDisposedException>(() => filter.LowPass(fine));
    }
}
