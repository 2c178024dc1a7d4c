using System.Diagnostics;
using static TorchSharp.torch;

namespace FreqScope.Core.Runs;

/// <summary>What a run session is given: its folder, where relative config paths point, its device, and where to report progress.</summary>
public sealed class RunContext
{
    private readonly Action<RunProgress> _progress;
    private readonly Action<string> _message;
    private readonly Action<string>? _notice;

    /// <summary>A context; <paramref name="progress"/>, <paramref name="message"/> and <paramref name="notice"/> receive what the session reports.</summary>
    public RunContext(string runDirectory, string? configDirectory, Device device, Stopwatch clock, Action<RunProgress> progress, Action<string> message, Action<string>? notice = null)
    {
        _notice = notice;
        RunDirectory = runDirectory;
        ConfigDirectory = configDirectory;
        Device = device;
        Clock = clock;
        _progress = progress;
        _message = message;
    }

    /// <summary>The run folder (absolute); it is created after the session is opened, so a session writes nothing before <see cref="IRunSession.Start"/>.</summary>
    public string RunDirectory { get; }

    /// <summary>The folder relative config paths are resolved against; null: the current directory.</summary>
    public string? ConfigDirectory { get; }

    /// <summary>The device the run computes on.</summary>
    public Device Device { get; }

    /// <summary>Running since this process started the run.</summary>
    public Stopwatch Clock { get; }

    /// <summary>Reports progress between probes (a probe's progress is returned by <see cref="IRunSession.Probe"/>).</summary>
    public void Progress(RunProgress progress) => _progress(progress);

    /// <summary>Says what the run is doing (loading data, preparing a probe).</summary>
    public void Message(string message) => _message(message);

    /// <summary>Says what the user should read once (e.g. that the data files are not the published ones); ignored when the context has no notice receiver.</summary>
    public void Notice(string notice) => _notice?.Invoke(notice);

    /// <summary>A progress record at <paramref name="step"/> of <paramref name="steps"/> with the given named values.</summary>
    public RunProgress At(long step, long steps, params (string Name, double Value)[] values) =>
        new(step, steps, steps == 0 ? 1 : Math.Clamp(step / (double)steps, 0, 1), Clock.Elapsed, values.ToDictionary(v => v.Name, v => v.Value));
}
