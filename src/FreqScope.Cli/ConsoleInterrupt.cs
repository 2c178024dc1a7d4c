using System.Runtime.InteropServices;
using FreqScope.Sweeps;

namespace FreqScope.Cli;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM (what <c>kill</c>, Slurm and container runtimes send before they kill) into a
/// cancelled <see cref="Token"/> instead of ending the process, until disposed: the run loop then checkpoints and
/// marks the folder interrupted.
/// </summary>
internal sealed class ConsoleInterrupt : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration? _term;
    private Timer? _parentWatch;

    public ConsoleInterrupt()
    {
        Console.CancelKeyPress += OnCancel;
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            _cts.Cancel();
        });
    }

    /// <summary>
    /// Also cancels <see cref="Token"/> once the process named by <see cref="ProcessSignals.ParentVariable"/> (a
    /// local sweep that started this member) has ended, checked twice a second; nothing when the variable is unset.
    /// </summary>
    public void CancelWhenParentEnds()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(ProcessSignals.ParentVariable), out var parent)) return;
        _parentWatch = new Timer(_ =>
        {
            try
            {
                if (ProcessSignals.ParentEnded(parent)) _cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The member has ended meanwhile.
            }
        }, null, 0, 500);
    }

    /// <summary>Cancelled at the first Ctrl-C (or SIGTERM).</summary>
    public CancellationToken Token => _cts.Token;

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _cts.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _term?.Dispose();
        _parentWatch?.Dispose();
        _cts.Dispose();
    }
}
