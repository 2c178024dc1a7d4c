using System.Globalization;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Sweeps;
using Spectre.Console;

namespace FreqScope.Cli;

/// <summary><c>freqscope sweep status|collect|retry SWEEP_DIR</c>: look at, gather and resubmit a sweep whose members run elsewhere.</summary>
internal static class SweepFolderCommands
{
    private static string CheckFolder(string? dir)
    {
        if (dir is null || !Directory.Exists(dir)) throw new UsageException($"sweep folder \"{dir}\" does not exist");
        if (!File.Exists(Path.Combine(dir, SweepRunner.ManifestFile)))
            throw new UsageException($"\"{dir}\" has no {SweepRunner.ManifestFile} (is it a sweep folder?)");
        return dir;
    }

    public static int Status(IAnsiConsole console, string? sweepDir) => CliApp.Guard(console, () =>
    {
        var dir = CheckFolder(sweepDir);
        var states = SweepCollector.Status(dir);
        var slurm = states.Any(s => s.SlurmTask is not null);
        var table = new Table().AddColumns("member", "values", "state");
        if (slurm) table.AddColumns("slurm task", "slurm state");
        table.AddColumns("wall s", "error");
        foreach (var s in states)
        {
            var color = s.Record.Status switch
            {
                RunStatus.Finished => "green",
                RunStatus.Failed => "red",
                RunStatus.Running => "blue",
                RunStatus.Interrupted => "yellow",
                _ => "grey",
            };
            var cells = new List<string> { Markup.Escape(s.Member.Name), Markup.Escape(s.Member.Label), $"[{color}]{s.Record.Status}[/]" };
            if (slurm) cells.AddRange([Markup.Escape(s.SlurmTask ?? ""), Markup.Escape(s.SlurmState ?? (s.SlurmTask is null ? "" : "unknown"))]);
            cells.Add(s.Record.WallSeconds is double w ? w.ToString("F1", CultureInfo.InvariantCulture) : "");
            cells.Add(Markup.Escape(s.Record.Error ?? ""));
            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        var counts = states.GroupBy(s => s.Record.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        console.MarkupLineInterpolated($"{states.Count} members: {string.Join(", ", counts)}");
        return CliApp.ExitOk;
    });

    public static int Collect(IAnsiConsole console, string? sweepDir, bool noReport) => CliApp.Guard(console, () =>
    {
        var dir = CheckFolder(sweepDir);
        var result = SweepCollector.Collect(dir, buildReport: !noReport);
        var missing = result.Manifest.Members.Where(m => m.Status != RunStatus.Finished).ToList();
        console.MarkupLineInterpolated($"Table: {Path.Combine(result.OutputDirectory, SweepRunner.TableFile)}");
        if (!noReport) console.MarkupLineInterpolated($"Report: {Path.Combine(result.OutputDirectory, RunFolder.ReportFile)}");
        if (missing.Count == 0)
        {
            console.MarkupLineInterpolated($"[green]All {result.Manifest.Members.Count} members finished.[/]");
            return CliApp.ExitOk;
        }

        console.MarkupLineInterpolated($"[yellow]Partial: {missing.Count} of {result.Manifest.Members.Count} members have not finished[/] (their rows in sweep.csv say so):");
        foreach (var m in missing)
            console.MarkupLineInterpolated($"  {m.Name} {m.Label}: {m.Status}{(m.Error is string e ? " (" + e + ")" : "")}");
        return CliApp.ExitError;
    });

    public static int Retry(IAnsiConsole console, string? sweepDir) => CliApp.Guard(console, () =>
    {
        var dir = CheckFolder(sweepDir);
        var plan = SlurmSweep.Retry(dir);
        console.MarkupLineInterpolated($"{plan.Reason}");
        if (plan.Resubmit)
        {
            var jobs = SlurmSweep.ReadJobs(dir);
            foreach (var s in jobs.Submissions.Where(s => s.Attempt == plan.Attempt))
                console.MarkupLineInterpolated($"submitted {s.Kind} job {s.JobId}");
        }

        return plan.Resubmit || plan.AllFinished ? CliApp.ExitOk : CliApp.ExitError;
    });
}
