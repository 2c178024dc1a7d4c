using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Sweeps;
using Spectre.Console;
using TorchSharp;

namespace FreqScope.Cli;

/// <summary>
/// <c>freqscope sweep member SWEEP_DIR INDEX</c> (internal: what the local and Slurm backends start): runs, resumes or
/// re-runs one member of an existing sweep folder exactly as the in-process sweep would, writing only its run folder
/// (and <c>errors/NAME.txt</c> when it fails), never sweep.json. Ctrl-C (SIGINT) or SIGTERM (Slurm's time limit)
/// checkpoints and exits 130.
/// </summary>
internal static class SweepMemberCommand
{
    public sealed record Arguments(string SweepDir, int Index, int? Threads, bool NoReport, bool ProgressLines);

    public static int Execute(IAnsiConsole console, TextWriter output, Arguments a) => CliApp.Guard(console, () =>
    {
        if (!Directory.Exists(a.SweepDir)) throw new UsageException($"sweep folder \"{a.SweepDir}\" does not exist");
        var (spec, options) = SweepRunner.LoadFolder(a.SweepDir);
        if (a.Index < 0 || a.Index >= spec.Members.Count)
            throw new UsageException($"member index {a.Index} is out of range; {a.SweepDir} has members 0 to {spec.Members.Count - 1}");
        NativeLoader.EnsureLoaded();
        if (a.Threads is int threads) torch.set_num_threads(threads);
        var member = spec.Members[a.Index];

        using var interrupt = new ConsoleInterrupt();
        interrupt.CancelWhenParentEnds();
        var lastText = "";
        var record = SweepRunner.RunMember(spec, member, options with
        {
            BuildReport = !a.NoReport,
            OnMemberStart = (m, action) =>
            {
                if (a.ProgressLines) output.WriteLine(MemberProtocol.StartLine(action));
                else output.WriteLine($"{m.Name} {m.Label}: {action}");
                output.Flush();
            },
            OnProgress = (_, fraction, text) =>
            {
                if (!a.ProgressLines || text == lastText) return;
                lastText = text;
                output.WriteLine(MemberProtocol.ProgressLine(fraction, text));
                output.Flush();
            },
        }, interrupt.Token);
        var dir = Path.GetFullPath(a.SweepDir);
        if (record.Status == RunStatus.Failed)
        {
            var errorFile = SweepRunner.ErrorFile(dir, member.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(errorFile)!);
            File.WriteAllText(errorFile, (record.Error ?? "failed") + "\n");
        }

        output.WriteLine($"{member.Name} {record.Status}{(record.Error is string error ? ": " + error : "")}");
        output.Flush();
        return record.Status switch
        {
            RunStatus.Finished => CliApp.ExitOk,
            RunStatus.Interrupted => CliApp.ExitInterrupted,
            _ => CliApp.ExitError,
        };
    });
}
