using FreqScope.Core;
using FreqScope.Data;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Spectral;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class InputEncodingTests
{
    public InputEncodingTests() => NativeLoader.EnsureLoaded();

    private static double[] Inputs(int n, int d, long seed)
    {
        var rng = new SplitMix64(seed);
        return Enumerable.Range(0, n * d).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
    }

    /// <summary>γ(x) from the published formulas, in double: rows are (n, 2M), cos block then sin block.</summary>
    private static double[] Expected(InputEncoding encoding, double[] x, int n, int d)
    {
        var frequencies = new List<double[]>(); // each: (frequency vector b in cycles)
        switch (encoding.Kind)
        {
            case InputEncodingKind.Basic:
                for (var k = 0; k < d; k++) frequencies.Add(Enumerable.Range(0, d).Select(c => c == k ? 1.0 : 0).ToArray());
                break;
            case InputEncodingKind.Positional:
                for (var j = 0; j < encoding.Levels; j++)
                {
                    for (var k = 0; k < d; k++) frequencies.Add(Enumerable.Range(0, d).Select(c => c == k ? Math.Pow(encoding.Scale, (double)j / encoding.Levels) : 0).ToArray());
                }

                break;
            default:
                var b = encoding.FrequencyMatrix(d);
                for (var r = 0; r < encoding.Features; r++) frequencies.Add(b[(r * d)..((r + 1) * d)]);
                break;
        }

        var m = frequencies.Count;
        var result = new double[n * 2 * m];
        for (var i = 0; i < n; i++)
        {
            for (var r = 0; r < m; r++)
            {
                double dot = 0;
                for (var k = 0; k < d; k++) dot += frequencies[r][k] * x[i * d + k];
                result[i * 2 * m + r] = Math.Cos(2 * Math.PI * dot);
                result[i * 2 * m + m + r] = Math.Sin(2 * Math.PI * dot);
            }
        }

        return result;
    }

    public static TheoryData<string> Kinds => ["basic", "positional", "gaussian"];

    private static InputEncoding Make(string kind, int d) => kind switch
    {
        "basic" => InputEncoding.Basic,
        "positional" => InputEncoding.Positional(5, 10),
        _ => InputEncoding.Gaussian(d, 16, 3, 7),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EncodeMatchesTheFormulasInDoubleAndFloat(string kind)
    {
        const int N = 9, D = 3;
        var encoding = Make(kind, D);
        var x = Inputs(N, D, 3);
        var expected = Expected(encoding, x, N, D);
        using var x64 = tensor(x, [N, D]);
        using var e64 = encoding.Encode(x64);
        Assert.Equal([N, (long)encoding.OutputDimension(D)], e64.shape);
        Assert.Equal(float64, e64.dtype);
        var got = e64.data<double>().ToArray();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], got[i], 1e-12);

        using var x32 = tensor(x.Select(v => (float)v).ToArray(), [N, D]);
        using var e32 = encoding.Encode(x32);
        Assert.Equal(float32, e32.dtype);
        // float32 phases of up to 2π·|b|·|x|·d: allow a few float32 ulps of the phase.
        var got32 = e32.data<float>().ToArray();
        var expected32 = Expected(encoding, x.Select(v => (double)(float)v).ToArray(), N, D);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected32[i], got32[i], 2e-5);
    }

    [Fact]
    public void OutputDimensionsFollowTheKind()
    {
        Assert.Equal(3, InputEncoding.None.OutputDimension(3));
        Assert.Equal(6, InputEncoding.Basic.OutputDimension(3));
        Assert.Equal(2 * 4 * 3, InputEncoding.Positional(4, 8).OutputDimension(3));
        var gaussian = InputEncoding.Gaussian(2, 20, 1, 0);
        Assert.Equal(40, gaussian.OutputDimension(2));
        Assert.Contains("dimension 2", Assert.Throws<ArgumentException>(() => gaussian.OutputDimension(3)).Message);
        Assert.Contains("0", Assert.Throws<ArgumentException>(() => InputEncoding.Positional(0, 2)).Message);
        Assert.Contains("-3", Assert.Throws<ArgumentException>(() => InputEncoding.Gaussian(1, 4, -3, 0)).Message);
        using var x = tensor(new double[] { 0.25, -0.5 }, [2, 1]);
        using var same = InputEncoding.None.Encode(x);
        Assert.Equal(new[] { 0.25, -0.5 }, same.data<double>().ToArray());
    }

    [Fact]
    public void GaussianMatrixIsDeterministicPerSeedWithTheRequestedScale()
    {
        var b = InputEncoding.Gaussian(4, 2000, 2.5, 11).FrequencyMatrix(4);
        Assert.Equal(b, InputEncoding.Gaussian(4, 2000, 2.5, 11).FrequencyMatrix(4));
        Assert.NotEqual(b, InputEncoding.Gaussian(4, 2000, 2.5, 12).FrequencyMatrix(4));
        // 8000 draws of N(0, 6.25): mean within 5·2.5/√8000, variance within 5·√2·6.25/√8000.
        Assert.True(Math.Abs(b.Average()) < 5 * 2.5 / Math.Sqrt(8000));
        Assert.Equal(6.25, b.Select(v => v * v).Average(), 5 * Math.Sqrt(2) * 6.25 / Math.Sqrt(8000));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EncodedMlpIsTheMlpOfTheEncodingWithAFixedBuffer(string kind)
    {
        const int D = 2;
        var encoding = Make(kind, D);
        manual_seed(3);
        using var net = new EncodedMlp(encoding, D, [16, 8], 3, Activation.Tanh);
        using var x = tensor(Inputs(5, D, 4).Select(v => (float)v).ToArray(), [5, D]);
        using var y = net.forward(x);
        Assert.Equal([5, 3L], y.shape);
        using var encoded = encoding.Encode(x);
        using var direct = net.Mlp.forward(encoded);
        Assert.Equal(direct.data<float>().ToArray(), y.data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(net.Mlp.ParameterCount, net.ParameterCount);
        Assert.Equal(encoding.OutputDimension(D), net.Mlp.Widths[0]);
        var buffer = Assert.Single(net.named_buffers());
        Assert.Equal("encoding_matrix", buffer.name);
        Assert.False(buffer.buffer.requires_grad);
        Assert.Equal(encoding.FrequencyMatrix(D).Select(v => (float)v).ToArray(), buffer.buffer.data<float>().ToArray());
    }

    [Fact]
    public void EncodedMlpConvertedToFloat64KeepsItsFunction()
    {
        using var net = new EncodedMlp(InputEncoding.Positional(3, 6), 2, [8], 1, Activation.Tanh);
        var x = Inputs(6, 2, 8);
        using var x32 = tensor(x.Select(v => (float)v).ToArray(), [6, 2]);
        using var y32 = net.forward(x32);
        var before = y32.data<float>().ToArray();
        net.to(float64);
        Assert.Equal(float64, net.EncodingMatrix!.dtype);
        using var x64 = tensor(x.Select(v => (double)(float)v).ToArray(), [6, 2]);
        using var y64 = net.forward(x64);
        Assert.Equal(before.Select(v => (double)v).ToArray(), y64.data<double>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void EncodedMlpWithGaussianEncodingIsDeterministicPerSeed()
    {
        using var a = new EncodedMlp(InputEncoding.Gaussian(1, 32, 5, 1), 1, [8], 1, Activation.Relu);
        using var b = new EncodedMlp(InputEncoding.Gaussian(1, 32, 5, 1), 1, [8], 1, Activation.Relu);
        using var c = new EncodedMlp(InputEncoding.Gaussian(1, 32, 5, 2), 1, [8], 1, Activation.Relu);
        Assert.Equal(a.EncodingMatrix!.data<float>().ToArray(), b.EncodingMatrix!.data<float>().ToArray());
        Assert.NotEqual(a.EncodingMatrix!.data<float>().ToArray(), c.EncodingMatrix!.data<float>().ToArray());
        using var none = new EncodedMlp(InputEncoding.None, 2, [4], 1, Activation.Tanh);
        Assert.Null(none.EncodingMatrix);
        Assert.Empty(none.named_buffers());
        Assert.Equal(2, none.Mlp.Widths[0]);
    }
}
