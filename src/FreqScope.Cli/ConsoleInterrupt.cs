using System.Runtime.InteropServices;

namespace FreqScope.Cli;

/// <summary>
/// Turns Ctrl-C (and, when asked, SIGTERM, which Slurm sends before it kills a job) into a cancelled
/// <see cref="Token"/> instead of ending the process, until disposed: the run loop then checkpoints and marks the
/// folder interrupted.
/// </summary>
internal sealed class ConsoleInterrupt : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration? _term;

    public ConsoleInterrupt(bool sigterm = false)
    {
        Console.CancelKeyPress += OnCancel;
        if (sigterm) _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            _cts.Cancel();
        });
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
        _cts.Dispose();
    }
}
