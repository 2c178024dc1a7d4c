using System.Globalization;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Sweeps;
using Spectre.Console;

namespace FreqScope.Cli;

/// <summary>
/// <c>freqscope sweep</c>: expand a sweep config, check every member, then run them one after another (one progress
/// line per member), writing sweep.json, sweep.csv and report.html; Ctrl-C stops after the current member's checkpoint.
/// <c>--backend local</c> runs the members in parallel child processes instead, <c>--backend slurm</c> submits them
/// as a Slurm array and returns.
/// </summary>
internal static class SweepCommand
{
    public sealed record Arguments(string? Config, string? Out, string? Device, bool Smoke, string? Resume, bool NoReport, string? Data = null)
    {
        /// <summary><c>--set a.b=c</c> assignments applied to the sweep config's JSON before it is expanded.</summary>
        public IReadOnlyList<string> Set { get; init; } = [];

        /// <summary><c>inprocess</c>, <c>local</c> or <c>slurm</c>; null when not given (a new sweep: inprocess; a resumed one: as it ran).</summary>
        public string? Backend { get; init; }

        /// <summary>Members at once with the local backend (null: the number of cores).</summary>
        public int? Jobs { get; init; }

        /// <summary>Slurm options (the command line is filled in here); null unless given.</summary>
        public SlurmOptions? Slurm { get; init; }

        /// <summary>Run fit1d members alone rather than as ensembles.</summary>
        public bool NoEnsemble { get; init; }

        /// <summary>Whether any Slurm-only option was given.</summary>
        public bool SlurmOptionsGiven { get; init; }
    }

    public const string InProcess = SweepManifest.InProcess, Local = SweepManifest.Local, Slurm = SweepManifest.Slurm;

    public static int Execute(IAnsiConsole console, Arguments a) => CliApp.Guard(console, () =>
    {
        SweepSpec spec;
        string outDir;
        bool smoke = a.Smoke;
        string? device = a.Device;
        string? data = a.Data;
        string? configDir = null;
        if (a.Resume is not null)
        {
            if (a.Config is not null || a.Out is not null || a.Device is not null || a.Smoke || a.Data is not null || a.Set.Count > 0)
                throw new UsageException("--resume continues a sweep with its own sweep.json; it takes no CONFIG, --out, --set, --device, --data or --smoke");
            if (!Directory.Exists(a.Resume)) throw new UsageException($"--resume \"{a.Resume}\": no such sweep folder");
            if (!File.Exists(Path.Combine(a.Resume, SweepRunner.ManifestFile)))
                throw new UsageException($"--resume \"{a.Resume}\": it has no {SweepRunner.ManifestFile} (is it a sweep folder?)");
            SweepRunOptions saved;
            (spec, saved) = SweepRunner.LoadFolder(a.Resume);
            (smoke, device, data, configDir) = (saved.Smoke, saved.Device, saved.Data, saved.ConfigDirectory);
            outDir = a.Resume;
            a = AsItRan(a, SweepRunner.ReadManifest(a.Resume));
        }
        else
        {
            if (a.Config is null) throw new UsageException("sweep needs a CONFIG: an experiment config with a \"sweep\" key (see README, Sweeps)");
            spec = SweepSpec.LoadFile(a.Config, RunCommand.ParseSets(a.Set));
            if (data is not null)
            {
                if (!Directory.Exists(data)) throw new UsageException($"--data \"{data}\": no such folder; expected a folder holding the dataset files");
                var takers = ExperimentKinds.Registry.Kinds.Where(k => k.Aliases.Any(o => o.Option == "--data")).Select(k => k.Name).ToList();
                if (!takers.Contains(spec.Experiment))
                    throw new UsageException($"--data applies to {string.Join(", ", takers)} sweeps; \"{spec.Name}\" sweeps {spec.Experiment} experiments");
            }

            configDir = Path.GetDirectoryName(Path.GetFullPath(a.Config));
            outDir = a.Out ?? Path.Combine("runs", $"{spec.Name}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        }

        var backend = a.Backend ?? InProcess;
        if (a.Jobs is not null && backend != Local) throw new UsageException($"--jobs applies to --backend local; this sweep runs with --backend {backend}");
        if (a.SlurmOptionsGiven && backend != Slurm)
            throw new UsageException($"--partition, --time, --mem, --gpus, --cpus-per-task, --sbatch-arg and --retries apply to --backend slurm; this sweep runs with --backend {backend}");
        var options = new SweepRunOptions
        {
            OutputDirectory = outDir,
            Smoke = smoke,
            Device = device,
            Data = data,
            ConfigDirectory = configDir,
            BuildReport = !a.NoReport,
            Ensemble = !a.NoEnsemble,
        };
        if (backend == Slurm) return SubmitToSlurm(console, spec, options, a);

        using var interrupt = new ConsoleInterrupt();
        console.MarkupLineInterpolated($"[bold]{spec.Name}[/]: {spec.Members.Count} {spec.Experiment} members ({spec.Mode} over {string.Join(", ", spec.Axes.Select(x => x.Path))}) → {Path.GetFullPath(outDir)}");
        SweepRunResult? result = null;
        var lines = new SortedDictionary<int, string>();
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<int, ProgressTask>();
                var actions = new Dictionary<int, string>();
                string Head(SweepMember m) => Markup.Escape($"{m.Name} {m.Label}");
                var withProgress = options with
                {
                    OnMemberStart = (m, action) =>
                    {
                        actions[m.Index] = action;
                        tasks[m.Index] = ctx.AddTask(Head(m) + (action == "run" ? "" : $"  ({action})"), maxValue: 1);
                    },
                    OnProgress = (m, fraction, text) =>
                    {
                        var task = tasks[m.Index];
                        task.Value = fraction;
                        task.Description = Head(m) + "  " + Markup.Escape(text);
                    },
                    OnMemberDone = (m, r) =>
                    {
                        var task = tasks[m.Index];
                        if (r.Status == RunStatus.Finished) task.Value = 1;
                        var metric = r.Metrics.FirstOrDefault(x => x.Value is not null);
                        var detail = r.Status == RunStatus.Finished && metric.Key is not null
                            ? string.Create(CultureInfo.InvariantCulture, $"{metric.Key} {metric.Value:G4}")
                            : r.Error ?? "";
                        var color = r.Status == RunStatus.Finished ? "green" : r.Status is RunStatus.Failed or RunStatus.Diverged ? "red" : "yellow";
                        var how = actions[m.Index] switch
                        {
                            "skip" => $" (skipped: {r.Status} before)",
                            "resume" => " (resumed)",
                            "rerun" => " (run again)",
                            _ => "",
                        };
                        task.Description = $"{Head(m)}  [{color}]{r.Status}[/]{how} {Markup.Escape(detail)}";
                        lines[m.Index] = task.Description;
                        task.StopTask();
                    },
                };
                result = backend == Local
                    ? LocalSweepRunner.Run(spec, withProgress, new LocalSweepOptions { Command = CliLocator.Command(), Jobs = a.Jobs ?? Environment.ProcessorCount }, interrupt.Token)
                    : SweepRunner.Run(spec, withProgress, interrupt.Token);
            });

        // One line per member that ran or was kept, also where the live progress display is not shown (logs, pipes).
        foreach (var line in lines.Values) console.MarkupLine(line);
        var r = result!;
        var failed = r.Manifest.Members.Where(m => m.Status == RunStatus.Failed).ToList();
        console.MarkupLineInterpolated($"Sweep folder: {r.OutputDirectory}");
        console.MarkupLineInterpolated($"Table: {Path.Combine(r.OutputDirectory, SweepRunner.TableFile)}");
        if (!a.NoReport) console.MarkupLineInterpolated($"Report: {Path.Combine(r.OutputDirectory, RunFolder.ReportFile)}");
        if (r.Status == RunStatus.Interrupted)
        {
            console.MarkupLineInterpolated($"[yellow]Interrupted; the running member(s) saved their checkpoints.[/] Continue with: freqscope sweep --resume {r.OutputDirectory}");
            return CliApp.ExitInterrupted;
        }

        var diverged = r.Manifest.Members.Where(m => m.Status == RunStatus.Diverged).ToList();
        if (diverged.Count > 0)
            console.MarkupLineInterpolated($"[red]{diverged.Count} of {r.Manifest.Members.Count} members diverged:[/] {string.Join(", ", diverged.Select(m => m.Name))} (the step and the value are in each one's manifest.json)");
        if (failed.Count > 0)
        {
            console.MarkupLineInterpolated($"[red]{failed.Count} of {r.Manifest.Members.Count} members failed;[/] run them again with: freqscope sweep --resume {r.OutputDirectory}");
            return CliApp.ExitError;
        }

        return CliApp.ExitOk;
    });

    /// <summary>
    /// The arguments of <c>sweep --resume</c> with the settings the sweep ran with (sweep.json) filled in where they
    /// were left out; a flag that contradicts one is a usage error naming both.
    /// </summary>
    internal static Arguments AsItRan(Arguments a, SweepManifest ran)
    {
        string Contradiction(string given, string recorded) =>
            $"{given} contradicts how {a.Resume} ran ({recorded}, recorded in {SweepRunner.ManifestFile}); leave it out to continue the sweep as it ran";
        if (ran.Backend is { } backend)
        {
            if (a.Backend is { } given && given != backend) throw new UsageException(Contradiction($"--backend {given}", $"--backend {backend}"));
            a = a with { Backend = backend };
        }

        if (ran.Jobs is { } jobs)
        {
            if (a.Jobs is { } given && given != jobs) throw new UsageException(Contradiction($"--jobs {given}", $"--jobs {jobs}"));
            a = a with { Jobs = jobs };
        }

        if (ran.Ensemble is true && a.NoEnsemble) throw new UsageException(Contradiction("--no-ensemble", "fit1d members as ensembles"));
        return ran.Ensemble is false ? a with { NoEnsemble = true } : a;
    }

    private static int SubmitToSlurm(IAnsiConsole console, SweepSpec spec, SweepRunOptions options, Arguments a)
    {
        var slurm = (a.Slurm ?? new SlurmOptions { Command = [] }) with { Command = CliLocator.Command(), BuildReport = !a.NoReport };
        var jobs = SlurmSweep.Submit(spec, options, slurm);
        var dir = Path.GetFullPath(options.OutputDirectory);
        var array = jobs.Submissions.Last(s => s.Kind == SlurmSubmission.ArrayKind);
        console.MarkupLineInterpolated($"[bold]{spec.Name}[/]: submitted {array.Indices.Count} of {spec.Members.Count} members as Slurm array job [bold]{array.JobId}[/] (--array={SlurmQueue.FormatRanges(array.Indices)}) → {dir}");
        if (jobs.Submissions.LastOrDefault() is { Kind: SlurmSubmission.RetryKind } retry)
            console.MarkupLineInterpolated($"Retry job {retry.JobId} runs after it (afterany) and resubmits what failed or never finished ({slurm.Retries} retr{(slurm.Retries == 1 ? "y" : "ies")}).");
        console.MarkupLineInterpolated($"Script: {Path.Combine(dir, SlurmSweep.Folder, SlurmSweep.ArrayScript)}; jobs: {Path.Combine(dir, SlurmSweep.Folder, SlurmSweep.JobsFile)}; task output: {Path.Combine(dir, SlurmSweep.Folder)}/JOB_INDEX.out");
        console.MarkupLine("Follow it with:");
        console.MarkupLineInterpolated($"  freqscope sweep status {dir}");
        console.MarkupLineInterpolated($"  freqscope sweep collect {dir}     (sweep.csv and report.html once the members are done)");
        console.MarkupLineInterpolated($"  scancel {array.JobId}     (to stop it)");
        return CliApp.ExitOk;
    }
}
