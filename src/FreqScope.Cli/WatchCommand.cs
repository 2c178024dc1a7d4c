using System.Globalization;
using FreqScope.Core.Runs;
using FreqScope.Sweeps;
using Spectre.Console;

namespace FreqScope.Cli;

/// <summary>
/// <c>freqscope watch RUN_DIR</c>: a live terminal table of a run's latest measurements (the columns its kind streams
/// to TensorBoard: losses, Δ_F of each peak, e_low/e_high per δ, band errors, …), read from the tables' complete lines
/// every <c>--interval</c> seconds until the run ends or no process holds its folder. It only reads the folder.
/// </summary>
internal static class WatchCommand
{
    /// <summary>Watches <paramref name="dir"/>; returns the exit code.</summary>
    /// <param name="console">Where the table is drawn.</param>
    /// <param name="dir">The run folder.</param>
    /// <param name="interval">Seconds between reads, &gt; 0.</param>
    /// <param name="cancellation">Ends the watch (Ctrl-C).</param>
    public static int Execute(IAnsiConsole console, string dir, double interval, CancellationToken cancellation)
    {
        if (!Directory.Exists(dir)) throw new UsageException($"run folder \"{dir}\" does not exist");
        if (!File.Exists(Path.Combine(dir, RunFolder.ManifestFile)))
            throw new UsageException($"\"{dir}\" is not a run folder (it has no {RunFolder.ManifestFile}); watch one folder of a sweep at a time");
        var kind = RunReport.KindOf(dir);
        var readers = kind.Scalars(RunFolder.ReadConfig(kind, dir)).Select(s => new ScalarReader(dir, s)).ToList();
        var latest = new SortedDictionary<string, (int Step, float Value)>(StringComparer.Ordinal);
        // One frame: the new rows, the manifest's status and the lock's holder, each read once.
        (Table Table, bool Over) Frame()
        {
            string status = RunFolder.ReadManifest(dir).Status;
            LockHolder? holder = LiveRun.Holder(dir);
            bool over = status != RunStatus.Running || holder is null;
            foreach (var reader in readers)
                foreach (var (tag, step, value) in reader.NewScalars(end: over))
                    latest[tag] = (step, value);
            return (Render(dir, status, holder, latest), over);
        }

        var (table, over) = Frame();
        if (over)
        {
            console.Write(table);
            return CliApp.ExitOk;
        }

        console.Live(table).Start(context =>
        {
            while (!over && !cancellation.IsCancellationRequested)
            {
                cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(interval));
                (table, over) = Frame();
                context.UpdateTarget(table);
            }
        });
        return CliApp.ExitOk;
    }

    private static Table Render(string dir, string status, LockHolder? holder, SortedDictionary<string, (int Step, float Value)> latest)
    {
        string holds = holder is { } h ? $"process {h.Pid} on {h.Host}" : "no process holds it";
        string upTo = LiveRun.LastRecorded(dir) is { } last ? $"{last.Unit} {last.Value.ToString(CultureInfo.InvariantCulture)}" : "no rows yet";
        var table = new Table().Title($"{Path.GetFileName(Path.GetFullPath(dir))}: {status}, {upTo} ({holds})");
        table.AddColumn("quantity");
        table.AddColumn(new TableColumn("step").RightAligned());
        table.AddColumn(new TableColumn("value").RightAligned());
        foreach (var (tag, (step, value)) in latest)
            table.AddRow(Markup.Escape(tag), step.ToString(CultureInfo.InvariantCulture), value.ToString("G6", CultureInfo.InvariantCulture));
        return table;
    }
}
