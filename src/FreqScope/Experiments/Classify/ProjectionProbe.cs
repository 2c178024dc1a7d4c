using System.Globalization;
using System.Numerics;
using System.Text;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Data;
using FreqScope.Spectral;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// The projection method during a classify run: the training inputs are projected on a unit direction p once
/// (t_i = p·x_i); the non-uniform DFT of the one-hot targets along t is computed once, and at each probe that of
/// the network's h; per frequency the relative error goes to <c>projection.csv</c>, and the target's peaks are
/// tracked for convergence.
/// </summary>
internal sealed class ProjectionProbe
{
    private readonly ProjectionConfig _config;
    private readonly string _runDir;
    private readonly int _classes;
    private readonly double[] _t;
    private readonly double[] _frequencies;
    private readonly Complex[] _target;
    private readonly double[] _targetNorms;
    private readonly int[] _peaks;
    private readonly List<double>[] _peakErrors;
    private readonly string _direction;
    private readonly double[] _p;

    public ProjectionProbe(ProjectionConfig config, ImageDataset train, float[] oneHot, int classes, string runDir)
    {
        _config = config;
        _runDir = runDir;
        Table = ProjectionRow.Csv.Table(runDir);
        _classes = classes;
        int n = train.Count, d = train.Features;
        double[] p;
        switch (config.Direction.Kind)
        {
            case DirectionKind.Pca:
                var pca = Pca.Compute(train.Pixels, n, d, config.Direction.Component);
                p = pca.Components[config.Direction.Component - 1];
                double share = pca.Variances[config.Direction.Component - 1] / pca.TotalVariance;
                _direction = string.Create(CultureInfo.InvariantCulture, $"principal component {config.Direction.Component} of the {n} training inputs (explains {share:P1} of the variance)");
                break;
            case DirectionKind.Random:
                p = ProjectionDirection.Random(d, config.Direction.Seed);
                _direction = string.Create(CultureInfo.InvariantCulture, $"random unit vector (seed {config.Direction.Seed}) in the {d}-dimensional input space");
                break;
            default:
                p = ProjectionDirection.Normalize([.. config.Direction.Values], d);
                _direction = $"the config's vector, normalised ({d} coordinates)";
                break;
        }

        _t = ProjectionDirection.Project(train.Pixels, n, d, p);
        _frequencies = FrequencyGrid.ForProjection(_t, config.Frequencies.Count, config.Frequencies.Max);
        _target = NonUniformDft.Forward(_t, ToDouble(oneHot), classes, _frequencies);
        _targetNorms = ProjectedSpectrum.ComponentNorms(_target, classes, config.OutputComponent);
        _peaks = PeakFinder.FindPeaks(_targetNorms, config.MinRelativeHeight);
        _peakErrors = _peaks.Select(_ => new List<double>()).ToArray();
        _p = p;
    }

    /// <summary>Writes the unit direction to projection-direction.csv (once the run folder exists).</summary>
    public void WriteDirection() => ProjectionDirectionRow.Csv.WriteFile(_runDir, _p.Select((value, i) => new ProjectionDirectionRow(i, value)));

    private static double[] ToDouble(float[] values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }

    /// <summary>The method's data file.</summary>
    public RunTable<ProjectionRow> Table { get; }

    /// <summary>Restores the peak-error history from the (already cut back) projection.csv rows of a resumed run.</summary>
    public void Reload(IEnumerable<ProjectionRow> rows)
    {
        foreach (var row in rows)
        {
            int p = Array.IndexOf(_peaks, row.Index);
            if (p >= 0) _peakErrors[p].Add(_config.ErrorForm == ErrorForm.Complex ? row.DeltaComplex : row.DeltaMagnitude);
        }
    }

    /// <summary>Appends the spectrum of h (n×classes, row-major) and the errors at every frequency.</summary>
    public void Probe(int epoch, float[] h)
    {
        var output = NonUniformDft.Forward(_t, ToDouble(h), _classes, _frequencies);
        var norms = ProjectedSpectrum.ComponentNorms(output, _classes, _config.OutputComponent);
        var complexErrors = ProjectedSpectrum.ComplexErrors(output, _target, _classes, _config.OutputComponent);
        var magnitudeErrors = ProjectedSpectrum.MagnitudeErrors(output, _target, _classes, _config.OutputComponent);
        for (int j = 0; j < _frequencies.Length; j++)
            Table.Append(new ProjectionRow(epoch, j, _frequencies[j], norms[j], _targetNorms[j], complexErrors[j], magnitudeErrors[j]));

        var errors = _config.ErrorForm == ErrorForm.Complex ? complexErrors : magnitudeErrors;
        for (int p = 0; p < _peaks.Length; p++) _peakErrors[p].Add(errors[_peaks[p]]);
    }

    public ProjectionSummary Summarize(IReadOnlyList<int> epochs)
    {
        var steps = epochs.Select(e => (long)e).ToList();
        var conv = _peakErrors.Select(errors => Convergence.Analyze(steps.Take(errors.Count).ToList(), errors, _config.Epsilon)).ToArray();
        var first = conv.Select(c => c.ConvergedAtStep).ToList();
        var freqs = _peaks.Select(k => _frequencies[k]).ToList();
        var index = _peaks.Length >= 2 ? SpectralBiasIndex.Compute(freqs, first) : null;
        var order = SpectralBiasIndex.ConvergenceOrder(_peaks, first);
        var peaks = _peaks.Select((k, i) => new ProjectionPeakSummary(k, freqs[i], _targetNorms[k],
            (int?)conv[i].ConvergedAtStep, (int?)conv[i].StableFromStep)).ToList();
        return new ProjectionSummary
        {
            Direction = _direction,
            Component = _config.OutputComponent,
            Epsilon = _config.Epsilon,
            ErrorForm = JsonNames.Of(_config.ErrorForm),
            Peaks = peaks,
            ConvergenceOrder = order,
            SpectralBiasIndex = index,
            Verdict = Verdict(peaks, order, index),
        };
    }

    /// <summary>
    /// The projection sentence, e.g. "Projection: peaks converged in the order of frequency 0.031, 0.094, 0.16
    /// (spectral-bias index +1.00)."; peaks that first fell below ε at the same epoch are named as tied ("0.031, then
    /// 0.094 and 0.16 together (epoch 3)"), and peaks that never did are listed as not converged, outside the order.
    /// </summary>
    internal static string Verdict(IReadOnlyList<ProjectionPeakSummary> peaks, IReadOnlyList<int> order, double? index)
    {
        if (peaks.Count == 0) return "Projection: the target's spectrum along the direction has no peak above the height threshold.";
        ProjectionPeakSummary Peak(int k) => peaks.First(p => p.Index == k);
        static string F(ProjectionPeakSummary p) => p.Frequency.ToString("G3", CultureInfo.InvariantCulture);
        var converged = order.Select(Peak).Where(p => p.ConvergedAtEpoch is not null).ToList();
        var never = order.Select(Peak).Where(p => p.ConvergedAtEpoch is null).Select(F).ToList();
        string idx = index is double v && !double.IsNaN(v)
            ? "spectral-bias index " + v.ToString("+0.00;-0.00;+0.00", CultureInfo.InvariantCulture)
            : "spectral-bias index undefined";
        if (converged.Count == 0) return $"Projection: none of the {peaks.Count} peaks converged below ε during the run.";
        var labels = converged.Select(F).ToList();
        var epochs = converged.Select(p => (long?)p.ConvergedAtEpoch).ToList();
        var groups = ConvergenceOrderText.Groups(epochs);
        string head = converged.Count == 1
            ? $"Projection: the peak at frequency {labels[0]} converged"
            : groups.Count == 1
                ? $"Projection: the peaks at frequencies {ConvergenceOrderText.List(labels)} converged together (epoch {groups[0].Step.ToString(CultureInfo.InvariantCulture)})"
                : $"Projection: peaks converged in the order of frequency {ConvergenceOrderText.Sequence(labels, epochs, "epoch")}";
        string tail = never.Count > 0 ? $"; {string.Join(", ", never)} did not converge" : "";
        return $"{head}{tail} ({idx}).";
    }
}
