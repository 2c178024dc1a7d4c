using FreqScope.Experiments.Classify;
using FreqScope.Experiments.FourierFeatures;
using FreqScope.Experiments.ImageFit;
using FreqScope.Experiments.Parity;
using FreqScope.Experiments.Poisson;
using FreqScope.Reporting;
using FreqScope.Spectral;

namespace FreqScope.Tests.Experiments;

/// <summary>
/// Every kind's verdict sentence for constructed summaries of the cases where a sentence could say more than the
/// numbers: a slower hybrid, one band of four converged, peaks that never converged, ties, smoke and diverged runs.
/// </summary>
public sealed class VerdictTests
{
    private static PoissonMethodSummary Method(string name, string kind, double? secondsToTolerance, long? handover = null) => new()
    {
        Method = name,
        Kind = kind,
        Reached = secondsToTolerance is not null,
        SecondsToTolerance = secondsToTolerance,
        Iterations = 5000,
        Seconds = 10,
        FinalError = 1e-5,
        HandoverStep = handover,
    };

    [Fact]
    public void APoissonHybridSlowerThanItsRelaxationIsCalledSlower()
    {
        // Jacobi alone 0.2 s, the hybrid 1.8 s: the ratio 0.1111 is 9× slower, never "0.11× faster".
        PoissonMethodSummary[] methods = [Method("jacobi", "classic", 0.2), Method("hybrid-1000", "hybrid", 1.8, 1000)];
        string verdict = PoissonVerdict.Build(methods, "jacobi", "hybrid-1000", 1e-4, 0.2 / 1.8);

        Assert.Equal("Best hybrid: the network for 1000 steps, then jacobi, reached ‖u − u_h‖∞ < 0.0001 in 1.8 s, 9× slower than jacobi alone (0.2 s).", verdict);
        Assert.DoesNotContain("faster", verdict);
        Assert.Equal("9× slower", PoissonVerdict.Comparison(0.2 / 1.8));
        Assert.Equal("3.217× faster", PoissonVerdict.Comparison(3.217));
        Assert.Equal("1× faster", PoissonVerdict.Comparison(1));
    }

    [Fact]
    public void APoissonReportSaysWhatSummaryJsonSays()
    {
        PoissonMethodSummary[] methods = [Method("jacobi", "classic", null), Method("hybrid-500", "hybrid", 0.4, 500)];
        string sentence = PoissonVerdict.Hybrid(methods, "jacobi", "hybrid-500", 1e-4, null);

        Assert.Equal("Best hybrid: the network for 500 steps, then jacobi, reached ‖u − u_h‖∞ < 0.0001 in 0.4 s; jacobi alone did not reach it within 5000 sweeps.", sentence);
        Assert.EndsWith(sentence, PoissonVerdict.Build(methods, "jacobi", "hybrid-500", 1e-4, null), StringComparison.Ordinal);
        Assert.Equal("No hybrid reached ‖u − u_h‖∞ < 0.0001.", PoissonVerdict.Hybrid(methods, "jacobi", null, 1e-4, null));
    }

    [Fact]
    public void ImageFitClaimsNoDirectionWhenOneBandOfFourConverged()
    {
        string verdict = ImageFitVerdict.Build(10, 20, 21, [100, null, null, null], 0.1, 0.77);

        Assert.Equal("Test PSNR 10.0 → 20.0 dB (train 21.0 dB); only band 0 of 4 fell below ε = 0.1; spectral-bias index 0.77 (no direction claimed: 3 of 4 bands did not converge).", verdict);
        Assert.DoesNotContain("coarse to fine", verdict);
    }

    [Fact]
    public void ImageFitSaysCoarseToFineOnlyForAStrictOrderOfEveryBand()
    {
        Assert.EndsWith("bands converged in the order 0, 1, 2, 3 (4 of 4; ε = 0.1); spectral-bias index 1.00: coarse to fine.",
            ImageFitVerdict.Build(10, 20, 21, [10, 20, 30, 40], 0.1, 1.0), StringComparison.Ordinal);
        Assert.EndsWith("bands converged in the order 0, 2, 1, 3 (4 of 4; ε = 0.1); spectral-bias index 0.80 (no direction: the order is not monotone in band).",
            ImageFitVerdict.Build(10, 20, 21, [10, 30, 20, 40], 0.1, 0.8), StringComparison.Ordinal);
        Assert.EndsWith("bands converged in the order 0 and 1 together (step 10), then 2 and 3 together (step 40) (4 of 4; ε = 0.1); spectral-bias index 0.89: coarse to fine.",
            ImageFitVerdict.Build(10, 20, 21, [10, 10, 40, 40], 0.1, 0.89), StringComparison.Ordinal);
        Assert.EndsWith("bands 0, 1 and 2 fell below ε together (step 10; 3 of 3; ε = 0.1); spectral-bias index undefined.",
            ImageFitVerdict.Build(10, 20, 21, [10, 10, 10], 0.1, null), StringComparison.Ordinal);
    }

    [Fact]
    public void ImageFitNeverSaysCoarseToFineWithoutTheOrderThatShowsIt()
    {
        // A property over many orders: the direction words appear exactly when every band converged and every later
        // group of bands lies above every earlier one.
        var random = new Random(5);
        for (int trial = 0; trial < 2000; trial++)
        {
            int n = random.Next(2, 6);
            long?[] steps = [.. Enumerable.Range(0, n).Select(_ => random.Next(4) == 0 ? (long?)null : random.Next(1, 4) * 10)];
            double? index = SpectralBiasIndex.Compute([.. Enumerable.Range(0, n).Select(b => (double)b)], steps);
            string verdict = ImageFitVerdict.Build(1, 2, 3, steps, 0.1, index);

            // Bands are numbered coarse to fine, so a strict coarse-to-fine order is a non-decreasing run of steps.
            bool strict = steps.All(s => s is not null) && steps.Distinct().Count() > 1
                && Enumerable.Range(1, n - 1).All(b => steps[b] >= steps[b - 1]);
            Assert.Equal(strict, verdict.Contains("coarse to fine", StringComparison.Ordinal));
            foreach (int b in Enumerable.Range(0, n).Where(b => steps[b] is null))
            {
                Assert.DoesNotContain($"order {b}", verdict, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ProjectionKeepsPeaksThatNeverConvergedOutOfTheOrderAndNamesTies()
    {
        ProjectionPeakSummary[] peaks =
        [
            new(3, 0.15, 1, 4, 4),
            new(8, 0.4, 1, 12, 12),
            new(14, 0.7, 1, 12, 12),
            new(20, 0.9, 1, null, null),
        ];
        string verdict = ProjectionProbe.Verdict(peaks, [3, 8, 14, 20], 0.95);

        Assert.Equal("Projection: peaks converged in the order of frequency 0.15, then 0.4 and 0.7 together (epoch 12); 0.9 did not converge (spectral-bias index +0.95).", verdict);
        Assert.Equal("Projection: none of the 1 peaks converged below ε during the run.", ProjectionProbe.Verdict([new(3, 0.15, 1, null, null)], [3], null));
    }

    [Fact]
    public void ParityNamesAnOrderThatIsMostlyTies()
    {
        // The case: bands converged at steps 145, 125, 125, 125, an index of −0.77 from one band that differs.
        ParityBandSummary[] bands =
        [
            new(0, 1.5, 1, 0.01, 145),
            new(1.5, 3, 1, 0.01, 125),
            new(3, 4.5, 1, 0.01, 125),
            new(4.5, 6, 1, 0.01, 125),
        ];
        double? index = SpectralBiasIndex.Compute([0.75, 2.25, 3.75, 5.25], [145, 125, 125, 125]);
        string verdict = ParityVerdict.Build(1, 0.5, 0.5, 120, 4.443, 4.443, bands, index);

        Assert.Equal(-0.77, index!.Value, 2);
        Assert.EndsWith("Radius bands converged in the order [1.5, 3], [3, 4.5] and [4.5, 6] together (step 125), then [0, 1.5] (3 of 4 tied at a probe; spectral-bias index −0.77).", verdict);
    }

    [Fact]
    public void FourierFeaturesNamesPartialTies()
    {
        string verdict = FourierAnalysis.Verdict([1, 2, 3], [40, 40, 90], 0.87);

        Assert.Equal("Frequencies converged in the order 1 and 2 together (step 40), then 3 (cycles per unit of x; spectral-bias index +0.87).", verdict);
    }

    [Fact]
    public void TheFit1dVerdictNamesTies()
    {
        Assert.Equal("Frequencies converged in the order 1, then 3 and 5 together (step 120) (spectral-bias index +0.87).",
            SpectralBiasIndex.Verdict([1, 3, 5], 0.866, [40, 120, 120], [1, 3, 5]));
        Assert.Equal("Frequencies 1, 3 and 5 converged together (step 120) (spectral-bias index undefined).",
            SpectralBiasIndex.Verdict([1, 3, 5], null, [120, 120, 120], [1, 3, 5]));
        Assert.Equal("Frequencies 3 and 5 converged together (step 120); 1 did not converge (spectral-bias index -1.00).",
            SpectralBiasIndex.Verdict([3, 5, 1], -1, [null, 120, 120], [1, 3, 5]));
    }

    [Fact]
    public void FilteringTellsTiesFromHighFirst()
    {
        DeltaSummary[] deltas =
        [
            new(1, 0.5, 3, 5, true, 0.01, 0.01),
            new(2, 0.5, 4, 4, false, 0.01, 0.01),
            new(3, 0.5, 6, 2, false, 0.01, 0.01),
        ];

        Assert.Equal("Filtering: e_low fell below 0.1 before e_high for 1 of 3 δ; both at the same epoch for 1; e_high first for 1.",
            FilteringProbe.Verdict(deltas, 0.1));
        Assert.Equal("Filtering: e_low fell below 0.1 before e_high for 1 of 1 δ (low frequencies converged first).",
            FilteringProbe.Verdict([deltas[0]], 0.1));
    }

    [Fact]
    public void SmokeAndDivergedRunsSaySoFirst()
    {
        static ManifestView Manifest(string status, bool smoke, string? error) => new(status, status == "finished", 40, 100,
            null, null, null, null, "cpu", 1, null, null, null, null, smoke, [], error);

        Assert.Equal(ReportHtml.SmokeLead, ReportHtml.Lead(Manifest("finished", true, null)));
        Assert.Equal(string.Empty, ReportHtml.Lead(Manifest("finished", false, null)));
        Assert.Equal("Diverged run (the loss is NaN at step 40). ", ReportHtml.Lead(Manifest("diverged", false, "the loss is NaN at step 40.")));
        Assert.StartsWith("Smoke run: ", ReportHtml.Lead(Manifest("diverged", true, "x")), StringComparison.Ordinal);
    }

    [Fact]
    public void OrderDirectionNeedsEveryItemAndAStrictOrder()
    {
        Assert.Equal(1, ConvergenceOrderText.Direction([1, 2, 3], [10, 20, 30]));
        Assert.Equal(-1, ConvergenceOrderText.Direction([1, 2, 3], [30, 20, 10]));
        Assert.Equal(1, ConvergenceOrderText.Direction([1, 2, 3], [10, 10, 30]));
        Assert.Equal(0, ConvergenceOrderText.Direction([1, 2, 3], [10, 30, 10]));
        Assert.Equal(0, ConvergenceOrderText.Direction([1, 2, 3], [10, 20, null]));
        Assert.Equal(0, ConvergenceOrderText.Direction([1, 2], [10, 10]));
        Assert.Equal("1, 3, 5", ConvergenceOrderText.Sequence(["1", "3", "5"], [1, 2, 3]));
        Assert.Equal("1 → 3 and 5 together (epoch 2)", ConvergenceOrderText.Sequence(["1", "3", "5"], [1, 2, 2], "epoch", " → "));
        Assert.Equal("a, b and c", ConvergenceOrderText.List(["a", "b", "c"]));
    }
}
