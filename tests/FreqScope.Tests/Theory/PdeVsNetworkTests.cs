using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Spectral;
using FreqScope.Tests.Support;
using FreqScope.Theory;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Tests.Theory;

/// <summary>
/// A real Fourier-feature network trained by full-batch gradient descent against the frequency PDE of
/// docs/frequency-pde.md. With fixed, stratified frequencies the model is linear in its trained weights (a, b), so
/// its dynamics are exactly linear with kernel (1/m) Σ_j cos(w_j (x − x′)) ≈ k_ρ, and the PDE with D = 0 must follow
/// its error spectrum.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class PdeVsNetworkTests
{
    public PdeVsNetworkTests() => NativeLoader.EnsureLoaded();

    [Fact]
    public void AFixedFrequencyNetworksErrorSpectrumFollowsThePde()
    {
        const double length = 20, s = 2, eta = 0.1;
        const int n = 400, m = 2000, steps = 1500;
        var x = Enumerable.Range(0, n).Select(i => -length / 2 + (i + 0.5) * length / n).ToArray();
        using var net = new FourierFeatureNet(1, m, FrequencyDensity.Gaussian(s), sigmaA: 0.3, seed: 1, trainFrequencies: false, stratified: true);
        using var xt = tensor(x.Select(v => (float)v).ToArray()).reshape(n, 1);
        double[] Output()
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            return net.forward(xt).reshape(-1).to(float64).data<double>().ToArray();
        }

        // Targets chosen so that the initial residual f₀ − y is e^{−x²/8} cos 3x.
        var r0 = x.Select(v => Math.Exp(-v * v / 8) * Math.Cos(3 * v)).ToArray();
        var f0 = Output();
        using var y = tensor(f0.Select((v, i) => (float)(v - r0[i])).ToArray()).reshape(n, 1);
        using var optimizer = optim.SGD(net.parameters(), eta);
        for (int t = 0; t < steps; t++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var d = net.forward(xt) - y;
            (0.5 * (d * d).mean()).backward();
            optimizer.step();
        }

        var fT = Output();
        var rT = fT.Select((v, i) => v - (f0[i] - r0[i])).ToArray();
        var xi = Enumerable.Range(0, 801).Select(i => -2 + 4.0 * i / 800).ToArray();
        var spectrum0 = NonUniformDft.Forward(x, r0, 1, xi);
        var spectrumT = NonUniformDft.Forward(x, rT, 1, xi);
        var density = FrequencyDensity.Gaussian(s);
        var pde = new FrequencyPde(xi, v => 2 * Math.PI * density.Density(2 * Math.PI * v), eta / length, 0);
        var re = pde.Solve(spectrum0.Select(c => c.Real).ToArray(), [steps], 1.0)[0];
        var im = pde.Solve(spectrum0.Select(c => c.Imaginary).ToArray(), [steps], 1.0)[0];
        double error = 0, norm = 0;
        for (int i = 0; i < xi.Length; i++)
        {
            error += Math.Pow(re[i] - spectrumT[i].Real, 2) + Math.Pow(im[i] - spectrumT[i].Imaginary, 2);
            norm += Math.Pow(spectrumT[i].Magnitude, 2);
        }

        double relative = Math.Sqrt(error / norm);
        Assert.True(relative < 0.01, $"relative L2 discrepancy between the network's error spectrum and the PDE: {relative}");
        // The error did decay a lot, so the agreement is not that of two nearly unchanged spectra.
        Assert.True(Math.Sqrt(norm) < 0.2 * Math.Sqrt(spectrum0.Sum(c => c.Magnitude * c.Magnitude)));
    }
}
