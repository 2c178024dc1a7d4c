using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using FreqScope.Spectral;
using FreqScope.Theory;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>
/// The pure-array half of the <c>fourier-features</c> experiment: from the recorded error spectra, solve the
/// frequency PDE, find the target's peaks, measure when each converged and how far the PDE is from the network.
/// </summary>
/// <remarks>
/// Spectra are kept on the non-negative half of the symmetric grid (ξ_i ≥ 0, ξ = 0 first). The residual is real, so
/// R(−ξ) = conj R(ξ); the PDE keeps that symmetry (ρ is even), so the half determines everything. L2 norms over the
/// whole grid are |R(0)|² + 2 Σ_{ξ&gt;0} |R(ξ)|².
/// </remarks>
internal static class FourierAnalysis
{
    /// <summary>The non-negative half of the probe grid.</summary>
    public static double[] HalfGrid(FourierProbeConfig probe) => probe.Frequencies()[(probe.Nodes / 2)..];

    /// <summary>ρ(ξ) = 2π ρ_w(2πξ), the density of ν = w/2π in cycles per unit of x.</summary>
    public static Func<double, double> CyclesDensity(FourierExperimentConfig config)
    {
        var density = config.Network.Density.ToDensity();
        return nu => 2 * Math.PI * density.Density(2 * Math.PI * nu);
    }

    /// <summary>C = η / L.</summary>
    public static double RateConstant(FourierExperimentConfig config) => config.Training.LearningRate / config.Data.Length;

    /// <summary>D = σ_a² / 4π² when the frequencies are trained, else 0.</summary>
    public static double Diffusion(FourierExperimentConfig config) =>
        config.Network.TrainFrequencies ? config.Network.SigmaA * config.Network.SigmaA / (4 * Math.PI * Math.PI) : 0;

    /// <summary>Solves the PDE (with D, or with D = 0) from the step-0 spectrum and returns the half spectra at <paramref name="steps"/>.</summary>
    public static Complex[][] SolvePde(FourierExperimentConfig config, FrequencyPdeConfig pde, Complex[] initialHalf, IReadOnlyList<long> steps, bool diffusion)
    {
        var nodes = config.Probe.Frequencies();
        int half = config.Probe.Nodes / 2;
        var solver = new FrequencyPde(nodes, CyclesDensity(config), RateConstant(config), diffusion ? Diffusion(config) : 0, pde.LumpedMass);
        var re = new double[nodes.Length];
        var im = new double[nodes.Length];
        for (int i = 0; i <= half; i++)
        {
            re[half + i] = re[half - i] = initialHalf[i].Real;
            im[half + i] = initialHalf[i].Imaginary;
            im[half - i] = -initialHalf[i].Imaginary;
        }

        var times = steps.Select(s => (double)s).ToArray();
        var reT = solver.Solve(re, times, pde.TimeStep, pde.Scheme);
        var imT = solver.Solve(im, times, pde.TimeStep, pde.Scheme);
        var result = new Complex[steps.Count][];
        for (int t = 0; t < steps.Count; t++)
        {
            result[t] = new Complex[half + 1];
            for (int i = 0; i <= half; i++) result[t][i] = new Complex(reT[t][half + i], imT[t][half + i]);
        }

        return result;
    }

    /// <summary>Squared L2 norm over the whole symmetric grid of a half spectrum.</summary>
    public static double SquaredNorm(Complex[] half)
    {
        double sum = half[0].Magnitude * half[0].Magnitude;
        for (int i = 1; i < half.Length; i++) sum += 2 * half[i].Magnitude * half[i].Magnitude;
        return sum;
    }

    /// <summary>Squared L2 distance over the whole symmetric grid of two half spectra.</summary>
    public static double SquaredDistance(Complex[] a, Complex[] b)
    {
        var d = new Complex[a.Length];
        for (int i = 0; i < a.Length; i++) d[i] = a[i] - b[i];
        return SquaredNorm(d);
    }

    /// <summary>√(Σ_t ‖a_t − b_t‖² / Σ_t ‖a_t‖²).</summary>
    public static double OverTraining(IReadOnlyList<Complex[]> a, IReadOnlyList<Complex[]> b)
    {
        double num = 0, den = 0;
        for (int t = 0; t < a.Count; t++)
        {
            num += SquaredDistance(a[t], b[t]);
            den += SquaredNorm(a[t]);
        }

        return Math.Sqrt(num / den);
    }

    /// <summary>The target's peaks: indices into the half grid of local maxima of |ŷ| at least <paramref name="threshold"/> of the largest (ξ = 0 and Ξ excluded).</summary>
    public static int[] Peaks(Complex[] targetHalf, double threshold) =>
        PeakFinder.FindPeaks(targetHalf.Select(c => c.Magnitude).ToArray(), threshold);

    /// <summary>Relative errors |R(ξ_p)| / |ŷ(ξ_p)| of each peak p at each probe: [peak][probe].</summary>
    public static double[][] PeakErrors(IReadOnlyList<Complex[]> spectra, Complex[] targetHalf, int[] peaks) =>
        peaks.Select(p => spectra.Select(s => s[p].Magnitude / targetHalf[p].Magnitude).ToArray()).ToArray();

    /// <summary>
    /// <see cref="SpectralBiasIndex.Compute"/>, except that peaks that all converged at the same probe give 0 (no frequency
    /// was learnt before another) instead of undefined.
    /// </summary>
    public static double? Index(IReadOnlyList<double> frequencies, IReadOnlyList<long?> converged)
    {
        if (frequencies.Count >= 2 && converged.All(c => c is not null) && converged.Distinct().Count() == 1) return 0;
        return SpectralBiasIndex.Compute(frequencies, converged);
    }

    /// <summary>The verdict sentence: the order in which the peaks converged, those that did not, and the index.</summary>
    public static string Verdict(IReadOnlyList<double> xi, IReadOnlyList<long?> converged, double? index)
    {
        static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        if (xi.Count == 0) return "The target has no spectral peak on the probe grid; no convergence order to report.";
        var order = Enumerable.Range(0, xi.Count).Where(i => converged[i] is not null).OrderBy(i => converged[i]).ThenBy(i => xi[i]).ToArray();
        var never = Enumerable.Range(0, xi.Count).Where(i => converged[i] is null).ToArray();
        string indexText = index is double v ? v.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) : "undefined";
        string[] labels = [.. order.Select(i => F(xi[i]))];
        long?[] steps = [.. order.Select(i => converged[i])];
        string text = order.Length == 0
            ? "No peak converged"
            : order.Length == 1
                ? $"Frequency {labels[0]} converged"
                : steps.Distinct().Count() == 1
                    ? $"Frequencies {string.Join(", ", labels)} converged together at step {converged[order[0]]}"
                    : $"Frequencies converged in the order {ConvergenceOrderText.Sequence(labels, steps)}";
        if (never.Length > 0 && order.Length > 0) text += $"; {string.Join(", ", never.Select(i => F(xi[i])))} did not converge";
        return $"{text} (cycles per unit of x; spectral-bias index {indexText}).";
    }

    /// <summary>Everything the summary needs from the recorded spectra.</summary>
    public static (FourierSummary Summary, Complex[][]? Pde) Summarise(
        FourierExperimentConfig config, IReadOnlyList<long> steps, IReadOnlyList<Complex[]> network, Complex[] targetHalf,
        double initialLoss, double finalLoss, bool finished, double trainingSeconds)
    {
        var xi = HalfGrid(config.Probe);
        var peaks = Peaks(targetHalf, config.Probe.PeakThreshold);
        var rho = CyclesDensity(config);
        double c = RateConstant(config);
        var eps = config.Probe.Epsilon;
        var networkConverged = PeakErrors(network, targetHalf, peaks).Select(e => Convergence.Analyze(steps, e, eps).ConvergedAtStep).ToArray();
        Complex[][]? pdeSpectra = null;
        long?[] pdeConverged = new long?[peaks.Length];
        FourierPdeSummary? pdeSummary = null;
        if (config.Pde is { } pde && steps.Count > 0)
        {
            var clock = Stopwatch.StartNew();
            pdeSpectra = SolvePde(config, pde, network[0], steps, diffusion: true);
            double? withoutDiffusion = Diffusion(config) > 0 ? OverTraining(network, SolvePde(config, pde, network[0], steps, diffusion: false)) : null;
            pdeSummary = new FourierPdeSummary(
                OverTraining(network, pdeSpectra),
                Math.Sqrt(SquaredDistance(network[^1], pdeSpectra[^1]) / SquaredNorm(network[^1])),
                withoutDiffusion,
                clock.Elapsed.TotalSeconds);
            pdeConverged = PeakErrors(pdeSpectra, targetHalf, peaks).Select(e => Convergence.Analyze(steps, e, eps).ConvergedAtStep).ToArray();
        }

        var peakXi = peaks.Select(p => xi[p]).ToArray();
        var index = Index(peakXi, networkConverged);
        var summary = new FourierSummary
        {
            Finished = finished,
            StepsCompleted = steps.Count == 0 ? 0 : steps[^1],
            Density = config.Network.Density.ToDensity().ToString(),
            RateConstant = c,
            Diffusion = Diffusion(config),
            Epsilon = eps,
            Peaks = peaks.Select((p, i) => new FourierPeakSummary(xi[p], targetHalf[p].Magnitude, c * rho(xi[p]), networkConverged[i], pdeConverged[i])).ToArray(),
            SpectralBiasIndex = index,
            PdeSpectralBiasIndex = pdeSummary is null ? null : Index(peakXi, pdeConverged),
            Verdict = Verdict(peakXi, networkConverged, index),
            Pde = pdeSummary,
            InitialLoss = initialLoss,
            FinalLoss = finalLoss,
            TrainingSeconds = trainingSeconds,
        };
        return (summary, pdeSpectra);
    }
}
