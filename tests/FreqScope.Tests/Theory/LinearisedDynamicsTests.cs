using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Theory;
using static TorchSharp.torch;

namespace FreqScope.Tests.Theory;

[Collection(TorchCollection.Name)]
public sealed class LinearisedDynamicsTests
{
    public LinearisedDynamicsTests() => NativeLoader.EnsureLoaded();

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), m = b.GetLength(1), inner = a.GetLength(1);
        var c = new double[n, m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < inner; k++)
                {
                    sum += a[i, k] * b[k, j];
                }

                c[i, j] = sum;
            }
        }

        return c;
    }

    private static double[] Multiply(double[,] a, double[] v)
    {
        var r = new double[a.GetLength(0)];
        for (var i = 0; i < r.Length; i++)
        {
            for (var k = 0; k < v.Length; k++)
            {
                r[i] += a[i, k] * v[k];
            }
        }

        return r;
    }

    private static double[,] Identity(int n)
    {
        var id = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            id[i, i] = 1;
        }

        return id;
    }

    private static double[,] Scaled(double[,] a, double s)
    {
        var r = (double[,])a.Clone();
        for (var i = 0; i < r.GetLength(0); i++)
        {
            for (var j = 0; j < r.GetLength(1); j++)
            {
                r[i, j] *= s;
            }
        }

        return r;
    }

    /// <summary>e^M by scaling and squaring with a 30-term Taylor series (independent of any eigendecomposition).</summary>
    private static double[,] Exp(double[,] m)
    {
        var n = m.GetLength(0);
        var norm = m.Cast<double>().Sum(Math.Abs);
        var squarings = Math.Max(0, (int)Math.Ceiling(Math.Log2(norm / 0.25)));
        var a = Scaled(m, Math.Pow(2, -squarings));
        var result = Identity(n);
        var term = Identity(n);
        for (var k = 1; k <= 30; k++)
        {
            term = Scaled(Multiply(term, a), 1.0 / k);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    result[i, j] += term[i, j];
                }
            }
        }

        for (var s = 0; s < squarings; s++)
        {
            result = Multiply(result, result);
        }

        return result;
    }

    /// <summary>Solves A x = b by Gaussian elimination with partial pivoting.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r, col]));
            for (var j = 0; j < n; j++)
            {
                (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            }

            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                for (var j = col; j < n; j++)
                {
                    m[r, j] -= f * m[col, j];
                }

                x[r] -= f * x[col];
            }
        }

        for (var r = n - 1; r >= 0; r--)
        {
            for (var j = r + 1; j < n; j++)
            {
                x[r] -= m[r, j] * x[j];
            }

            x[r] /= m[r, r];
        }

        return x;
    }

    private static double MaxAbsDiff(double[] a, double[] b) => a.Zip(b, (p, q) => Math.Abs(p - q)).Max();

    [Fact]
    public void EigenbasisFormsEqualTheDirectMatrixExponentialAndPower()
    {
        const int n = 7;
        const double eta = 0.8;
        var k = NtkSpectrumTests.RandomPsd(n, n, 4);
        var f0 = NtkSpectrumTests.RandomVector(n, 5);
        var y = NtkSpectrumTests.RandomVector(n, 6);
        var dynamics = new LinearisedDynamics(new NtkSpectrum(k), f0, y, eta);
        var r0 = f0.Zip(y, (a, b) => a - b).ToArray();
        foreach (var t in new[] { 0.0, 0.5, 3.0, 40.0 })
        {
            var decay = Exp(Scaled(k, -eta * t / n));
            var expected = Multiply(decay, r0).Zip(y, (a, b) => a + b).ToArray();
            Assert.True(MaxAbsDiff(expected, dynamics.PredictContinuous(t)) <= 1e-11, $"t = {t}");
        }

        var step = Identity(n);
        var kEta = Scaled(k, -eta / n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                step[i, j] += kEta[i, j];
            }
        }

        var power = Identity(n);
        for (var t = 0; t <= 30; t++)
        {
            if (t % 10 == 0)
            {
                var expected = Multiply(power, r0).Zip(y, (a, b) => a + b).ToArray();
                Assert.True(MaxAbsDiff(expected, dynamics.PredictDiscrete(t)) <= 1e-11, $"t = {t}");
            }

            power = Multiply(power, step);
        }

        // Test points: f₀(x*) + Θ* Θ⁻¹ (I − e^{−ηΘt/n})(y − f₀) with an explicit solve (Θ is well conditioned here).
        var cross = new double[3, n];
        var random = new Random(8);
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < n; j++)
            {
                cross[i, j] = random.NextDouble();
            }
        }

        var f0Test = NtkSpectrumTests.RandomVector(3, 9);
        const double time = 5.0;
        var decayed = Multiply(Exp(Scaled(k, -eta * time / n)), r0);
        var solved = Solve(k, decayed.Zip(r0, (d, r) => d - r).ToArray()); // Θ⁻¹ (e^{…} − I)(f₀ − y) = Θ⁻¹ (I − e^{…})(y − f₀)
        var direct = Multiply(cross, solved).Zip(f0Test, (a, b) => a + b).ToArray();
        Assert.True(MaxAbsDiff(direct, dynamics.PredictContinuousAt(cross, f0Test, time)) <= 1e-9);
        // The training points are test points of their own kernel.
        Assert.True(MaxAbsDiff(dynamics.PredictContinuous(time), dynamics.PredictContinuousAt(k, f0, time)) <= 1e-10);
        Assert.True(MaxAbsDiff(dynamics.PredictDiscrete(17), dynamics.PredictDiscreteAt(k, f0, 17)) <= 1e-10);
    }

    [Theory]
    [InlineData(6, 9)] // more features than points: Θ invertible
    [InlineData(8, 3)] // fewer features than points: Θ has rank 3, the cutoff drops its null space
    public void DiscreteFormsEqualExplicitGradientDescentOnALinearModel(int n, int features)
    {
        // f(x) = φ(x)·θ; L = (1/2n) Σ (f − y)²; θ ← θ − η ∇L. Its NTK is Φ Φᵀ exactly, so the linearisation is exact.
        const double eta = 0.5;
        const int m = 4;
        const int steps = 60;
        var random = new Random(n * features);
        double[,] Features(int rows)
        {
            var phi = new double[rows, features];
            for (var i = 0; i < rows; i++)
            {
                for (var k = 0; k < features; k++)
                {
                    phi[i, k] = (2 * random.NextDouble()) - 1;
                }
            }

            return phi;
        }

        var phiTrain = Features(n);
        var phiTest = Features(m);
        var theta = NtkSpectrumTests.RandomVector(features, 1);
        var y = NtkSpectrumTests.RandomVector(n, 2);
        double[,] Transpose(double[,] a)
        {
            var t = new double[a.GetLength(1), a.GetLength(0)];
            for (var i = 0; i < a.GetLength(0); i++)
            {
                for (var j = 0; j < a.GetLength(1); j++)
                {
                    t[j, i] = a[i, j];
                }
            }

            return t;
        }

        var kernel = Multiply(phiTrain, Transpose(phiTrain));
        var cross = Multiply(phiTest, Transpose(phiTrain));
        var f0 = Multiply(phiTrain, theta);
        var f0Test = Multiply(phiTest, theta);
        var dynamics = new LinearisedDynamics(new NtkSpectrum(kernel), f0, y, eta);
        for (var t = 0; t < steps; t++)
        {
            var residual = Multiply(phiTrain, theta).Zip(y, (a, b) => a - b).ToArray();
            var gradient = Multiply(Transpose(phiTrain), residual);
            for (var k = 0; k < features; k++)
            {
                theta[k] -= eta * gradient[k] / n;
            }
        }

        Assert.True(MaxAbsDiff(Multiply(phiTrain, theta), dynamics.PredictDiscrete(steps)) <= 1e-10);
        Assert.True(MaxAbsDiff(Multiply(phiTest, theta), dynamics.PredictDiscreteAt(cross, f0Test, steps)) <= 1e-9);
        // The test prediction moved: it is not just f₀(x*).
        Assert.True(MaxAbsDiff(f0Test, dynamics.PredictDiscreteAt(cross, f0Test, steps)) > 1e-2);
    }

    /// <summary>Largest |f_GD − f_lin| over training and test points after the steps, relative to max |f₀ − y|.</summary>
    private static double LinearisationError(int width, int seed)
    {
        const int n = 16;
        const int steps = 200;
        const double eta = 1.0;
        var xs = Enumerable.Range(0, n).Select(i => (double)(float)(-1 + (2.0 * i / (n - 1)))).ToArray();
        var ys = xs.Select(v => Math.Sin(Math.PI * v)).ToArray();
        var xTest = new[] { -0.9, -0.25, 0.05, 0.6 }.Select(v => (double)(float)v).ToArray();
        using var model = new TanhNet(width, 1.0 / Math.Sqrt(width), seed);
        using var x = tensor(xs.Select(v => (float)v).ToArray(), [n, 1]);
        using var y = tensor(ys.Select(v => (float)v).ToArray(), [n, 1]);
        using var xt = tensor(xTest.Select(v => (float)v).ToArray(), [xTest.Length, 1]);
        var f0 = model.Predict(x);
        var f0Test = model.Predict(xt);
        var dynamics = new LinearisedDynamics(new NtkSpectrum(EmpiricalNtk.Compute(model, x)), f0, ys, eta);
        var cross = EmpiricalNtk.Compute(model, xt, x, 64);
        for (var t = 0; t < steps; t++)
        {
            model.GradientStep(x, y, eta);
        }

        var scale = f0.Zip(ys, (a, b) => Math.Abs(a - b)).Max();
        var trained = model.Predict(x);
        // Gradient descent really moved the outputs (the comparison is not trivial).
        Assert.True(trained.Zip(ys, (a, b) => Math.Abs(a - b)).Max() < 0.5 * scale);
        var train = MaxAbsDiff(trained, dynamics.PredictDiscrete(steps));
        var test = MaxAbsDiff(model.Predict(xt), dynamics.PredictDiscreteAt(cross, f0Test, steps));
        return Math.Max(train, test) / scale;
    }

    [Fact]
    public void DiscretePredictionMatchesGradientDescentOnAWideNetworkBetterAsTheWidthGrows()
    {
        // NTK parametrisation f = (1/√m) Σ v_j tanh(u_j x + c_j): f − f_lin = O(1/√m).
        var narrow = Enumerable.Range(0, 3).Select(seed => LinearisationError(256, seed)).Average();
        var wide = Enumerable.Range(0, 3).Select(seed => LinearisationError(4096, seed)).Average();
        // Measured: about 3.3 % at width 256 and 0.37 % at width 4096 (relative to max |f₀ − y|).
        Assert.True(wide <= 0.01, $"width 4096: relative error {wide}");
        Assert.True(wide <= 0.25 * narrow, $"width 256: {narrow}, width 4096: {wide}");
    }

    [Fact]
    public void RejectsBadArguments()
    {
        var spectrum = new NtkSpectrum(new double[,] { { 2, 1 }, { 1, 2 } });
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearisedDynamics(spectrum, [0, 0], [1, 1], 0));
        Assert.Throws<ArgumentException>(() => new LinearisedDynamics(spectrum, [0, 0, 0], [1, 1], 0.1));
        var dynamics = new LinearisedDynamics(spectrum, [0, 0], [1, 1], 0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => dynamics.PredictContinuous(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => dynamics.PredictDiscrete(-1));
        Assert.Throws<ArgumentException>(() => dynamics.PredictDiscreteAt(new double[1, 3], [0], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => dynamics.PredictDiscreteAt(new double[1, 2], [0], 1, relativeCutoff: 1));
        // Long training converges to the targets (Θ positive definite).
        Assert.All(dynamics.PredictContinuous(1e5), v => Assert.Equal(1.0, v, 1e-9));
    }
}
