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
        string state = Read(dir, readers, latest, end: false);
        var table = Render(dir, state, latest);
        if (state != RunStatus.Running || LiveRun.Holder(dir) is null)
        {
            Read(dir, readers, latest, end: true);
            console.Write(Render(dir, state, latest));
            return CliApp.ExitOk;
        }

        console.Live(table).Start(context =>
        {
            while (!cancellation.IsCancellationRequested)
            {
                cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(interval));
                state = Read(dir, readers, latest, end: false);
                bool over = state != RunStatus.Running || LiveRun.Holder(dir) is null;
                if (over) Read(dir, readers, latest, end: true);
                context.UpdateTarget(Render(dir, state, latest));
                if (over) break;
            }
        });
        return CliApp.ExitOk;
    }

    /// <summary>Takes the new rows into <paramref name="latest"/>; returns the manifest's status.</summary>
    private static string Read(string dir, List<ScalarReader> readers, SortedDictionary<string, (int, float)> latest, bool end)
    {
        string status = LiveRun.IsRunning(dir) ? RunStatus.Running : RunFolder.ReadManifest(dir).Status;
        foreach (var reader in readers)
            foreach (var (tag, step, value) in reader.NewScalars(end))
                latest[tag] = (step, value);
        return status;
    }

    private static Table Render(string dir, string status, SortedDictionary<string, (int Step, float Value)> latest)
    {
        string holder = LiveRun.Holder(dir) is { } h ? $"process {h.Pid} on {h.Host}" : "no process holds it";
        string upTo = LiveRun.LastRecorded(dir) is { } last ? $"{last.Unit} {last.Value.ToString(CultureInfo.InvariantCulture)}" : "no rows yet";
        var table = new Table().Title($"{Path.GetFileName(Path.GetFullPath(dir))}: {status}, {upTo} ({holder})");
        table.AddColumn("quantity");
        table.AddColumn(new TableColumn("step").RightAligned());
        table.AddColumn(new TableColumn("value").RightAligned());
        foreach (var (tag, (step, value)) in latest)
            table.AddRow(Markup.Escape(tag), step.ToString(CultureInfo.InvariantCulture), value.ToString("G6", CultureInfo.InvariantCulture));
        return table;
    }
}
