using System.Numerics;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Data;
using FreqScope.Spectral;
using FreqScope.Theory;

namespace FreqScope.Experiments.Fit1d;

/// <summary>
/// The recording half of a fit1d run, apart from where the network's outputs come from: the data and target grids,
/// metrics.csv, spectra.csv and outputs.csv, the probe history (reloaded from the files on resume), progress reports
/// and summary.json. A solo run (<see cref="FitExperiment"/>) and every member of an ensemble
/// (<see cref="FitEnsembleExperiment"/>) hand it the outputs on the evaluation and training grids at each probe, so both
/// write exactly the same files.
/// </summary>
internal sealed class FitRecorder : IDisposable
{
    private readonly FitExperimentConfig _config;
    private readonly string _runDir;
    private readonly double[] _xTrain, _yTrain, _xEval, _yEval;
    private readonly bool _evalIsTrain;
    private readonly Complex[] _targetDft;
    private readonly int[] _peaks;
    private readonly int[] _kept;
    private readonly double _spacing;
    private readonly HashSet<long> _snapshotSteps;
    private readonly List<long> _probeSteps = [];
    private readonly List<double>[] _peakErrors;
    private double _lastTrainLoss = double.NaN, _lastTestLoss = double.NaN;
    private double[]? _lastEvalOutput;
    private readonly RunTable<MetricRow> _metrics;
    private readonly RunTable<SpectrumRow> _spectra;
    private readonly RunTable<OutputRow> _outputs;

    /// <summary>Training inputs.</summary>
    public double[] XTrain => _xTrain;

    /// <summary>Training targets.</summary>
    public double[] YTrain => _yTrain;

    /// <summary>The uniform evaluation grid.</summary>
    public double[] XEval => _xEval;

    /// <summary>True when the evaluation grid is the training grid (one forward pass serves both).</summary>
    public bool EvalIsTrain => _evalIsTrain;

    /// <summary>The target's derivative at the training points when the H¹ term is on, else null.</summary>
    public double[]? DyTrain { get; }

    /// <summary>The run folder.</summary>
    public string RunDirectory => _runDir;

    /// <param name="config">The run's config.</param>
    /// <param name="configDirectory">Folder relative CSV target paths are resolved against.</param>
    /// <param name="runDir">The run folder (already created).</param>
    public FitRecorder(FitExperimentConfig config, string? configDirectory, string runDir)
    {
        _config = config;
        _runDir = runDir;
        _metrics = MetricRow.Csv.Table(runDir);
        _spectra = SpectrumRow.Csv.Table(runDir);
        _outputs = OutputRow.Csv.Table(runDir);
        var d = config.Data;
        var target = TargetFactory.Create(config.Target, configDirectory, config.Data.Domain);
        _xTrain = d.Train.Sampling == Sampling.Uniform
            ? Grid.Uniform(d.Domain.Min, d.Domain.Max, d.Train.Count, d.Train.IncludeEndpoint)
            : Grid.Random(d.Domain.Min, d.Domain.Max, d.Train.Count, config.Seed);
        _yTrain = _xTrain.Select(target.Evaluate).ToArray();
        _xEval = Grid.Uniform(d.Domain.Min, d.Domain.Max, d.Eval.Count, d.Eval.IncludeEndpoint);
        _yEval = _xEval.Select(target.Evaluate).ToArray();
        _evalIsTrain = _xEval.AsSpan().SequenceEqual(_xTrain);
        _spacing = Grid.Spacing(d.Domain.Min, d.Domain.Max, d.Eval.Count, d.Eval.IncludeEndpoint);

        double[]? dy = null;
        if (config.Training.H1Weight > 0)
        {
            double h = 1e-6 * (d.Domain.Max - d.Domain.Min);
            dy = _xTrain.Select(x => (target.Evaluate(x + h) - target.Evaluate(x - h)) / (2 * h)).ToArray();
        }

        _targetDft = Dft.Forward(_yEval);
        var magnitudes = Dft.OneSidedMagnitudes(_targetDft);
        _peaks = PeakFinder.FindPeaks(magnitudes, config.Probe.MinRelativeHeight);
        int keep = Math.Min(config.Probe.Keep ?? magnitudes.Length, magnitudes.Length);
        _kept = Enumerable.Range(0, keep).Concat(_peaks).Distinct().Order().ToArray();
        _peakErrors = _peaks.Select(_ => new List<double>()).ToArray();
        _snapshotSteps = SnapshotSteps(config.Training.Steps, config.Probe.Every, config.Probe.Snapshots);
        DyTrain = dy;
    }

    /// <summary>
    /// Probe steps at which outputs.csv gets a snapshot: step 0, then <paramref name="count"/> − 1 probes spaced
    /// geometrically up to the last one (learning is fast early and slow late, so even spacing would show little).
    /// </summary>
    internal static HashSet<long> SnapshotSteps(long total, int every, int count)
    {
        var probes = new List<long>();
        for (long s = 0; s < total; s += every) probes.Add(s);
        probes.Add(total);
        int last = probes.Count - 1;
        var set = new HashSet<long> { probes[0], probes[last] };
        if (last >= 2 && count - 2 > 4L * last)
        {
            // Far more snapshots asked for than there are probes (probe.snapshots may be in the billions): rather than
            // one iteration per snapshot, each probe index j is kept when some i of the loop below rounds to it, i.e.
            // when [log_last(j − ½), log_last(j + ½)) · (count − 2) holds an integer i − 1 in [0, count − 3].
            double n = count - 2;
            double logLast = Math.Log(last);
            for (int j = 1; j <= last; j++)
            {
                double lo = j == 1 ? 0 : Math.Ceiling(n * Math.Log(j - 0.5) / logLast);
                double hi = n * Math.Log(j + 0.5) / logLast;
                if (lo < hi && lo <= n - 1) set.Add(probes[j]);
            }

            return set;
        }

        for (int i = 1; i < count - 1; i++)
            set.Add(probes[(int)Math.Clamp(Math.Round(Math.Pow(last, (double)(i - 1) / (count - 2))), 1, last)]);
        return set;
    }

    /// <summary>metrics.csv, spectra.csv and outputs.csv.</summary>
    public IReadOnlyList<RunTable> Tables => [_metrics, _spectra, _outputs];

    /// <summary>Opens the tables (cut back to <paramref name="rows"/> and the history reloaded from them, on resume).</summary>
    public void OpenFiles(IReadOnlyDictionary<string, long>? rows)
    {
        foreach (var table in Tables) table.Open(rows);
        if (rows is not null) ReloadHistory();
    }

    /// <summary>Closes the tables.</summary>
    public void CloseFiles()
    {
        foreach (var table in Tables) table.Dispose();
    }

    /// <summary>Rebuilds the in-memory probe history from the (already cut back) data files of a resumed run.</summary>
    public void ReloadHistory()
    {
        _metrics.Flush();
        _spectra.Flush();
        var data = FitRunFolderReader.Read(_runDir);
        var peakRow = _peaks.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i);
        _probeSteps.AddRange(data.Metrics.Select(m => m.Step));
        foreach (var row in data.Spectra)
            if (peakRow.TryGetValue(row.K, out int p))
                _peakErrors[p].Add(_config.Probe.ErrorForm == ErrorForm.Complex ? row.DeltaComplex : row.DeltaMagnitude);
        if (data.Metrics.Count > 0)
        {
            _lastTrainLoss = data.Metrics[^1].TrainLoss;
            _lastTestLoss = data.Metrics[^1].TestLoss;
        }
    }

    /// <summary>
    /// Takes <paramref name="evalOut"/> as the last probe's output on the evaluation grid, for a run resumed from a
    /// checkpoint saved right after that probe (the final one included), so that the summary's high-frequency energy
    /// is the uninterrupted run's.
    /// </summary>
    public void ResumeAfterProbe(double[] evalOut) => _lastEvalOutput = evalOut;

    /// <summary>
    /// Records the network's outputs at a probe step: appends metrics, spectra and (at snapshot steps) outputs;
    /// returns the probe's progress (the train and test losses). <paramref name="trainOut"/> may be
    /// <paramref name="evalOut"/> when <see cref="EvalIsTrain"/>.
    /// </summary>
    public RunProgress Probe(long step, double[] evalOut, double[] trainOut, TimeSpan elapsed)
    {
        _lastEvalOutput = evalOut;
        _lastTrainLoss = MeanSquaredError(trainOut, _yTrain);
        _lastTestLoss = MeanSquaredError(evalOut, _yEval);
        _metrics.Append(new MetricRow(step, _lastTrainLoss, _lastTestLoss));

        var outDft = Dft.Forward(evalOut);
        var deltaComplex = SpectralError.Complex(outDft, _targetDft, _kept);
        var deltaMagnitude = SpectralError.Magnitude(outDft, _targetDft, _kept);
        for (int i = 0; i < _kept.Length; i++)
        {
            int k = _kept[i];
            _spectra.Append(new SpectrumRow(step, k, Dft.Frequency(k, _xEval.Length, _spacing), outDft[k].Magnitude, _targetDft[k].Magnitude, deltaComplex[i], deltaMagnitude[i]));
        }

        var errors = _config.Probe.ErrorForm == ErrorForm.Complex ? deltaComplex : deltaMagnitude;
        for (int p = 0; p < _peaks.Length; p++)
            _peakErrors[p].Add(errors[Array.IndexOf(_kept, _peaks[p])]);
        _probeSteps.Add(step);

        if (_snapshotSteps.Contains(step) || step == _config.Training.Steps)
            for (int i = 0; i < _xEval.Length; i++)
                _outputs.Append(new OutputRow(step, _xEval[i], _yEval[i], evalOut[i]));

        long steps = _config.Training.Steps;
        return new RunProgress(step, steps, Math.Clamp(step / (double)steps, 0, 1), elapsed,
            new Dictionary<string, double> { ["trainLoss"] = _lastTrainLoss, ["testLoss"] = _lastTestLoss });
    }

    private static double MeanSquaredError(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return sum / a.Length;
    }

    /// <summary>Flushes the data files and returns how many rows each has (for a checkpoint).</summary>
    public Dictionary<string, long> FlushRows()
    {
        var rows = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            table.Flush();
            table.RecordRows(rows);
        }

        return rows;
    }

    /// <summary>The summary of the probes so far (a partial one when <paramref name="finished"/> is false).</summary>
    public FitSummary Summarize(long step, bool finished)
    {
        foreach (var table in Tables) table.Flush();
        var eps = _config.Probe.Epsilon;
        var conv = _peakErrors.Select(e => Convergence.Analyze(_probeSteps, e, eps)).ToArray();
        var first = conv.Select(c => c.ConvergedAtStep).ToList();
        var freqs = _peaks.Select(k => Dft.Frequency(k, _xEval.Length, _spacing)).ToList();
        var index = SpectralBiasIndex.Compute(freqs, first);
        var order = SpectralBiasIndex.ConvergenceOrder(_peaks, first);
        var summary = new FitSummary
        {
            Finished = finished,
            StepsCompleted = step,
            Epsilon = eps,
            ErrorForm = _config.Probe.ErrorForm == ErrorForm.Complex ? "complex" : "magnitude",
            Peaks = _peaks.Select((k, i) => new PeakSummary(k, freqs[i], _targetDft[k].Magnitude, conv[i].ConvergedAtStep, conv[i].StableFromStep)).ToList(),
            ConvergenceOrder = order,
            SpectralBiasIndex = index,
            FinalTrainLoss = _lastTrainLoss,
            FinalTestLoss = _lastTestLoss,
            Verdict = SpectralBiasIndex.Verdict(order, index, first, _peaks),
        };
        summary = summary with { Theory = FitTheory.Summarize(_config.Model, summary.Peaks) };
        if (_lastEvalOutput is { } output)
        {
            int n = _xEval.Length;
            int cutoff = Math.Clamp(_peaks.Length > 0 ? 2 * _peaks.Max() : n / 4, 0, n / 2 - 1);
            summary = summary with
            {
                HighFrequencyCutoff = cutoff,
                HighFrequencyCutoffFrequency = Dft.Frequency(cutoff, n, _spacing),
                HighFrequencyEnergy = SpectralEnergy.FractionAbove(output, cutoff),
                TargetHighFrequencyEnergy = SpectralEnergy.FractionAbove(_yEval, cutoff),
            };
        }

        return summary;
    }

    public void Dispose() => CloseFiles();
}
