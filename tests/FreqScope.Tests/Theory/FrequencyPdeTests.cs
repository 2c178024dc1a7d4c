using FreqScope.Spectral;
using FreqScope.Theory;

namespace FreqScope.Tests.Theory;

public sealed class FrequencyPdeTests
{
    private static double[] Mesh(double a, double b, int intervals) =>
        Enumerable.Range(0, intervals + 1).Select(i => a + (b - a) * i / intervals).ToArray();

    // Manufactured solution on [0, 1]: u = e^{−t} cos(πξ) (zero flux at both ends), ρ = 1 + ξ², C = 2, D = 0.3.
    private const double C = 2, D = 0.3;

    private static double Rho(double xi) => 1 + xi * xi;

    private static double Exact(double xi, double t) => Math.Exp(-t) * Math.Cos(Math.PI * xi);

    private static double Source(double xi, double t)
    {
        double e = Math.Exp(-t);
        double flux = -Math.PI * e * (2 * xi * Math.Sin(Math.PI * xi) + Rho(xi) * Math.PI * Math.Cos(Math.PI * xi)); // (ρ u′)′
        return -e * Math.Cos(Math.PI * xi) - C * (D * flux - Rho(xi) * e * Math.Cos(Math.PI * xi));
    }

    private static double ManufacturedError(int intervals, double dt, TimeScheme scheme)
    {
        var nodes = Mesh(0, 1, intervals);
        var pde = new FrequencyPde(nodes, Rho, C, D);
        var u0 = nodes.Select(x => Exact(x, 0)).ToArray();
        var u = pde.Solve(u0, [0.5], dt, scheme, Source)[0];
        return FrequencyPde.L2Error(nodes, u, x => Exact(x, 0.5));
    }

    [Fact]
    public void ConvergesAsHSquaredInL2OnAManufacturedSolution()
    {
        var errors = new[] { 8, 16, 32, 64 }.Select(n => ManufacturedError(n, 1e-3, TimeScheme.CrankNicolson)).ToArray();
        for (int i = 1; i < errors.Length; i++)
        {
            double order = Math.Log2(errors[i - 1] / errors[i]);
            Assert.InRange(order, 1.9, 2.1);
        }

        Assert.True(errors[^1] < 1e-3, $"error {errors[^1]}");
    }

    [Fact]
    public void CrankNicolsonIsSecondOrderAndBackwardEulerFirstOrderInTime()
    {
        // On a fine mesh the time error dominates; compare against a much finer time step.
        double Error(double dt, TimeScheme scheme)
        {
            var nodes = Mesh(0, 1, 256);
            var pde = new FrequencyPde(nodes, Rho, C, D);
            var u0 = nodes.Select(x => Exact(x, 0)).ToArray();
            var reference = pde.Solve(u0, [0.5], 1e-4, TimeScheme.CrankNicolson, Source)[0];
            var u = pde.Solve(u0, [0.5], dt, scheme, Source)[0];
            return FrequencyPde.L2Error(nodes, u.Select((v, i) => v - reference[i]).ToArray(), _ => 0);
        }

        Assert.InRange(Math.Log2(Error(0.05, TimeScheme.CrankNicolson) / Error(0.025, TimeScheme.CrankNicolson)), 1.9, 2.1);
        Assert.InRange(Math.Log2(Error(0.05, TimeScheme.BackwardEuler) / Error(0.025, TimeScheme.BackwardEuler)), 0.9, 1.1);
    }

    [Fact]
    public void WithoutDiffusionEveryFrequencyDecaysAtItsOwnRate()
    {
        // σ_a = 0: û(ξ, t) = û(ξ, 0) e^{−C ρ(ξ) t}.
        static double Gauss(double xi) => Math.Exp(-xi * xi / 2) / Math.Sqrt(2 * Math.PI);
        static double U0(double xi) => 1 + 0.5 * Math.Cos(xi);
        var nodes = Mesh(-5, 5, 800);
        var u0 = nodes.Select(U0).ToArray();
        double[] times = [0.5, 2, 8];
        const double c = 1.5;

        var lumped = new FrequencyPde(nodes, Gauss, c, 0, lumpedMass: true).Solve(u0, times, 1e-3);
        var consistent = new FrequencyPde(nodes, Gauss, c, 0).Solve(u0, times, 1e-3);
        for (int o = 0; o < times.Length; o++)
        {
            for (int i = 0; i < nodes.Length; i++)
            {
                double exact = U0(nodes[i]) * Math.Exp(-c * Gauss(nodes[i]) * times[o]);
                Assert.Equal(exact, lumped[o][i], 1e-7);
            }

            double t = times[o];
            double l2 = FrequencyPde.L2Error(nodes, consistent[o], x => U0(x) * Math.Exp(-c * Gauss(x) * t));
            double norm = FrequencyPde.L2Error(nodes, new double[nodes.Length], x => U0(x) * Math.Exp(-c * Gauss(x) * t));
            Assert.True(l2 < 1e-5 * norm, $"t = {t}: relative L2 error {l2 / norm}");
        }
    }

    [Fact]
    public void DiffusionConservesTheIntegralWhichDecaysAtTheConstantRate()
    {
        // ρ constant: zero-flux diffusion moves û around without changing ∫û, and the reaction scales it by
        // e^{−Cρt}; Crank–Nicolson's factor per step is exactly (1 − z/2)/(1 + z/2), z = Cρ·Δt.
        var nodes = Mesh(-1, 2, 60);
        var u0 = nodes.Select(x => Math.Exp(-8 * x * x)).ToArray();
        const double rho = 0.7, c = 2, dt = 0.01;
        var pde = new FrequencyPde(nodes, _ => rho, c, diffusion: 0.4);
        var u = pde.Solve(u0, [1.0], dt)[0];
        double Integral(double[] v) => Enumerable.Range(0, nodes.Length - 1).Sum(e => (nodes[e + 1] - nodes[e]) * (v[e] + v[e + 1]) / 2);
        double z = c * rho * dt;
        double expected = Integral(u0) * Math.Pow((1 - z / 2) / (1 + z / 2), 100);
        Assert.Equal(expected, Integral(u), 1e-12);
        Assert.True(u.Max() < u0.Max() * 0.9, "diffusion should have spread the peak");
    }

    /// <summary>
    /// The derivation in docs/frequency-pde.md, checked without a network: the linearised gradient-descent dynamics
    /// r ← (I − (η/n) Θ) r with the Fourier-feature kernel Θ(x, x′) = (1 + σ_a² x x′) e^{−s²(x − x′)²/2} (Gaussian
    /// angular frequencies of scale s), run on 400 points of [−10, 10], and their spectrum R(ξ) = (1/n) Σ r_i e^{−2πiξx_i}
    /// compared with the PDE solved from R(ξ, 0) with C = η/L, D = σ_a²/4π² and ρ the density of ξ = w/2π.
    /// </summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    public void ThePdeFollowsTheLinearisedDynamicsOfTheFourierFeatureKernel(double sigmaA)
    {
        const double length = 20, s = 2, eta = 0.1;
        const int n = 400, steps = 1500;
        var x = Enumerable.Range(0, n).Select(i => -length / 2 + (i + 0.5) * length / n).ToArray();
        var theta = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double z = x[i] - x[j];
                theta[i, j] = (1 + sigmaA * sigmaA * x[i] * x[j]) * Math.Exp(-s * s * z * z / 2);
            }

        var r0 = x.Select(v => Math.Exp(-v * v / 8) * Math.Cos(3 * v)).ToArray();
        var r = (double[])r0.Clone();
        var next = new double[n];
        for (int step = 0; step < steps; step++)
        {
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int j = 0; j < n; j++) sum += theta[i, j] * r[j];
                next[i] = r[i] - eta / n * sum;
            }

            (r, next) = (next, r);
        }

        var xi = Enumerable.Range(0, 801).Select(i => -2 + 4.0 * i / 800).ToArray();
        var spectrum0 = NonUniformDft.Forward(x, r0, 1, xi);
        var spectrumT = NonUniformDft.Forward(x, r, 1, xi);
        double sd = s / (2 * Math.PI);
        double Rho(double v) => Math.Exp(-v * v / (2 * sd * sd)) / (sd * Math.Sqrt(2 * Math.PI));
        var pde = new FrequencyPde(xi, Rho, eta / length, sigmaA * sigmaA / (4 * Math.PI * Math.PI));
        var re = pde.Solve(spectrum0.Select(c => c.Real).ToArray(), [steps], 1.0)[0];
        var im = pde.Solve(spectrum0.Select(c => c.Imaginary).ToArray(), [steps], 1.0)[0];
        double error = 0, norm = 0, decayOnly = 0;
        for (int i = 0; i < xi.Length; i++)
        {
            var actual = spectrumT[i];
            error += Math.Pow(re[i] - actual.Real, 2) + Math.Pow(im[i] - actual.Imaginary, 2);
            norm += Math.Pow(actual.Magnitude, 2);
            decayOnly += Math.Pow((spectrum0[i] * Math.Exp(-eta / length * Rho(xi[i]) * steps) - actual).Magnitude, 2);
        }

        double relative = Math.Sqrt(error / norm);
        Assert.True(relative < 0.01, $"σ_a = {sigmaA}: relative L2 discrepancy {relative}");
        if (sigmaA > 0) Assert.True(Math.Sqrt(decayOnly / norm) > 0.3, "without the diffusion term the prediction should be far off");
    }

    [Theory]
    [InlineData(new[] { 0.0 }, 1.0, 0.0, "at least 2 nodes")]
    [InlineData(new[] { 0.0, 1.0, 1.0 }, 1.0, 0.0, "increase strictly")]
    [InlineData(new[] { 0.0, 1.0 }, 0.0, 0.0, "C is 0")]
    [InlineData(new[] { 0.0, 1.0 }, 1.0, -1.0, "D is -1")]
    public void InvalidArgumentsAreNamed(double[] nodes, double c, double d, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new FrequencyPde(nodes, _ => 1, c, d));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ANegativeDensityIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new FrequencyPde([0.0, 1.0], x => x - 0.5, 1, 0));
        Assert.Contains("expected a finite number >= 0", e.Message);
    }
}
