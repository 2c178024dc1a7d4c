using static TorchSharp.torch.utils.tensorboard;

namespace FreqScope.Core.Runs;

/// <summary>
/// Streams a run's measurements to TensorBoard: the <see cref="ScalarSeries"/> its kind declares are read from the
/// CSV tables after every probe (only rows complete in the file) and written as scalars into
/// <c>RUN_DIR/tensorboard/</c> through TorchSharp's <c>SummaryWriter</c>. The event files are derived data: at the
/// start of every run (fresh or resumed) the folder is emptied and the tables, which a resumed run has cut back to its
/// checkpoint, are replayed, so a resumed run's scalars equal an uninterrupted run's. Their wall times are the
/// machine's, so the event files, unlike the tables, differ between two runs of the same config and seed. At the end,
/// after the report is built, its heatmap figures (<c>plots/*heatmap*.png</c>) are added as images at the last step. A failure
/// to write (a full disk) turns TensorBoard off for the rest of the run with one notice; it never fails the run.
/// </summary>
/// <param name="series">What to write.</param>
/// <param name="notice">Receives the one line said when writing fails, or null.</param>
public sealed class TensorBoardCallback(IReadOnlyList<ScalarSeries> series, Action<string>? notice) : IRunCallback
{
    /// <summary>The folder of the event files inside a run folder.</summary>
    public const string FolderName = "tensorboard";

    private readonly List<ScalarReader> _readers = [];
    private TorchSharp.Modules.SummaryWriter? _writer;
    private bool _off;
    private int _lastStep;

    /// <inheritdoc/>
    public void OnStart(RunInfo run)
    {
        string dir = Path.Combine(run.RunDirectory, FolderName);
        Guard(() =>
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            _writer = SummaryWriter(dir);
            _readers.AddRange(series.Select(s => new ScalarReader(run.RunDirectory, s)));
            WriteNewRows(end: false);
        });
    }

    /// <inheritdoc/>
    public void OnProgress(RunInfo run, RunProgress progress)
    {
        if (progress.IsProbe) Guard(() => WriteNewRows(end: false));
    }

    /// <inheritdoc/>
    public void OnEnd(RunInfo run, string status) => Guard(() =>
    {
        WriteNewRows(end: true);
        // The report, built just before, drew the heatmaps: each goes in as an image at the last step.
        string plots = Path.Combine(run.RunDirectory, RunFolder.PlotsFolder);
        if (_writer is null || !Directory.Exists(plots)) return;
        foreach (string png in Directory.GetFiles(plots, "*heatmap*.png").Order(StringComparer.Ordinal))
        {
            try
            {
                _writer.add_img($"figures/{Path.GetFileNameWithoutExtension(png)}", png, _lastStep);
            }
            // TorchSharp decodes the file with SkiaSharp, whose SKBitmap.Decode gives null (so a NullReferenceException) for a file it cannot read.
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or MissingMethodException or TypeLoadException or NullReferenceException)
            {
                notice?.Invoke($"TensorBoard: the figure {Path.GetFileName(png)} could not be added as an image ({PrintableText.Escape(e.Message)})");
            }
        }
    });

    private void Guard(Action action)
    {
        if (_off) return;
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _off = true;
            _writer = null;
            notice?.Invoke($"TensorBoard is off for the rest of this run: {PrintableText.Escape(e.Message)}; the tables are not affected");
        }
    }

    private void WriteNewRows(bool end)
    {
        if (_writer is null) return;
        foreach (var reader in _readers)
        {
            foreach (var (tag, step, value) in reader.NewScalars(end))
            {
                _writer.add_scalar(tag, value, step);
                _lastStep = Math.Max(_lastStep, step);
            }
        }
    }
}
