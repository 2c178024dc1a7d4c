using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FreqScope.Tests.Support;

/// <summary>
/// A fact that runs only where a Slurm cluster answers: <c>sinfo</c> runs and shows an idle (or mixed) node, as
/// <c>.ci/slurm-up</c> leaves it. Elsewhere it is reported as skipped, with the reason.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(Probe);

    public SlurmFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (Reason.Value is string reason) Skip = reason;
    }

    /// <summary>Null when a node is idle; else why the Slurm tests cannot run.</summary>
    private static string? Probe()
    {
        try
        {
            var psi = new ProcessStartInfo("sinfo") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--noheader", "--Node", "--format=%t" }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(15_000))
            {
                p.Kill(true);
                return "sinfo did not answer within 15 s (start a test cluster with .ci/slurm-up)";
            }

            p.WaitForExit();
            var states = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (p.ExitCode != 0) return $"sinfo failed ({error.Result.Trim()}); start a test cluster with .ci/slurm-up";
            return states.Any(s => s is "idle" or "mix") ? null : $"no idle Slurm node (sinfo: {string.Join(",", states)}); start a test cluster with .ci/slurm-up";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "Slurm is not installed (no sinfo on PATH); start a test cluster with .ci/slurm-up";
        }
    }
}
