namespace FreqScope.Core.Runs;

/// <summary>
/// An observer of a run, in the manner of PyTorch Lightning's <c>Callback</c>: told when the run starts, at each
/// progress event, and when it stops. It may ask the run to stop early (<see cref="RunInfo.RequestStop"/>). Progress
/// display, sweep member lines, stop-at-loss and report building are callbacks.
/// </summary>
public interface IRunCallback
{
    /// <summary>The run folder is ready and the first step is next.</summary>
    void OnStart(RunInfo run)
    {
    }

    /// <summary>A probe or a kind's progress point.</summary>
    void OnProgress(RunInfo run, RunProgress progress)
    {
    }

    /// <summary>The run stopped with <paramref name="status"/> (finished, interrupted or failed).</summary>
    void OnEnd(RunInfo run, string status)
    {
    }
}
