using System.CommandLine;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Sweeps;
using Spectre.Console;
using TorchSharp;

namespace FreqScope.Cli;

/// <summary>The <c>freqscope</c> command line: run, sweep, report, info.</summary>
public static class CliApp
{
    public const int ExitOk = 0, ExitError = 1, ExitUsage = 2, ExitInterrupted = 130;

    public static int Run(string[] args, IAnsiConsole? console = null, TextWriter? output = null)
    {
        if (console is null)
        {
            console = AnsiConsole.Console;
            // Logs and pipes get whole lines: an error message or path is never wrapped at 80 columns.
            if (Console.IsOutputRedirected) console.Profile.Width = 4096;
        }
        output ??= Console.Out;
        var root = Commands(console, output);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A misspelled option is the error; the value after it, left unmatched, is not a second one.
            var errors = parsed.Errors.Any(e => CliValues.IsUnknownOption(e.Message))
                ? parsed.Errors.Where(e => CliValues.IsUnknownOption(e.Message))
                : parsed.Errors;
            foreach (var error in errors) console.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            console.MarkupLine("Run 'freqscope --help' for usage.");
            return ExitUsage;
        }
        return parsed.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null, Output = output, Error = output });
    }

    /// <summary>The command tree: every command, option and argument, with its action writing to <paramref name="console"/> and <paramref name="output"/>.</summary>
    internal static RootCommand Commands(IAnsiConsole console, TextWriter output)
    {
        var root = new RootCommand("FreqScope: watch a neural network learn a target, frequency by frequency (the Frequency Principle / spectral bias).");

        var configArg = new Argument<string?>("CONFIG") { Arity = ArgumentArity.ZeroOrOne, Description = "Experiment config (JSON). Without it, the embedded default (experiments/fprinciple-1d.json) runs." };
        var outOpt = new Option<string?>("--out") { Description = "Run folder to create (default: runs/NAME-TIMESTAMP)." };
        var deviceOpt = new Option<string?>("--device") { Description = "cpu, cuda or auto (overrides the config)." };
        CliValues.OneOf(deviceOpt, "cpu", "cuda", "auto");
        var seedOpt = CliValues.Long("--seed", "Random seed (overrides the config).");
        var stepsOpt = CliValues.Long("--steps", "Training steps (overrides the config; poisson: network.steps; ntk: training.steps).", min: 1);
        var epochsOpt = CliValues.Int("--epochs", "Training epochs of a classify experiment (overrides the config).", min: 1);
        var dataOpt = new Option<string?>("--data") { Description = "Folder holding the dataset files of a classify experiment (local files only, never downloaded)." };
        var smokeOpt = new Option<bool>("--smoke") { Description = "A short run that exercises everything (fit1d: at most 50 steps; classify: at most 2 epochs on 500 images, a VGG at most a quarter as wide; poisson: a coarse grid and at most 60 network steps; fourier-features: width ≤ 256, at most 60 steps; ntk: at most 64 points, widths 256 and 50 steps; parity: at most 300 steps, 31 shells and 16 directions)." };
        var resumeOpt = new Option<string?>("--resume") { Description = "Continue an interrupted run folder from its last checkpoint." };
        var noReportOpt = new Option<bool>("--no-report") { Description = "Write data files only; build plots and report.html later with 'freqscope report'." };
        var setOpt = new Option<string[]>("--set") { Description = "Override one config value, KEY=VALUE with KEY a dotted path (repeatable), e.g. --set training.steps=200; VALUE is JSON, else a string.", AllowMultipleArgumentsPerToken = false };
        var noTensorBoardOpt = new Option<bool>("--no-tensorboard") { Description = "Do not stream the run's measurements to RUN_DIR/tensorboard/ (TensorBoard event files; on by default)." };
        var printConfigOpt = new Option<bool>("--print-config") { Description = "Print the resolved config (overrides, aliases and --smoke applied) as JSON and exit without running." };

        var run = new Command("run", "Train a network (a 1-D fit or an image classifier) and record, frequency by frequency, how its output approaches the target.")
        {
            configArg, outOpt, setOpt, deviceOpt, seedOpt, stepsOpt, epochsOpt, dataOpt, smokeOpt, resumeOpt, noReportOpt, noTensorBoardOpt, printConfigOpt,
        };
        CliValues.RefuseUnknownOptions(configArg, run);
        run.SetAction(p => RunCommand.Execute(console, output, new RunCommand.Arguments(
            p.GetValue(configArg), p.GetValue(outOpt), p.GetValue(deviceOpt), p.GetValue(seedOpt), p.GetValue(stepsOpt),
            p.GetValue(epochsOpt), p.GetValue(dataOpt), p.GetValue(smokeOpt), p.GetValue(resumeOpt), p.GetValue(noReportOpt))
        {
            Set = p.GetValue(setOpt) ?? [],
            PrintConfig = p.GetValue(printConfigOpt),
            NoTensorBoard = p.GetValue(noTensorBoardOpt),
        }));

        var sweepConfigArg = new Argument<string?>("CONFIG") { Arity = ArgumentArity.ZeroOrOne, Description = "Sweep config: an experiment config with a \"sweep\" key listing values for dotted paths (see README, Sweeps)." };
        var sweepOutOpt = new Option<string?>("--out") { Description = "Sweep folder to create or continue (default: runs/NAME-TIMESTAMP); one run folder per member inside." };
        var sweepDeviceOpt = new Option<string?>("--device") { Description = "cpu, cuda or auto for every member (overrides the config)." };
        CliValues.OneOf(sweepDeviceOpt, "cpu", "cuda", "auto");
        var sweepSmokeOpt = new Option<bool>("--smoke") { Description = "Run every member in smoke mode (as 'run --smoke')." };
        var sweepResumeOpt = new Option<string?>("--resume") { Description = "Continue a sweep folder with its own sweep.json: finished members are kept, interrupted ones resumed, failed ones run again." };
        var sweepDataOpt = new Option<string?>("--data") { Description = "Folder holding the dataset files of a classify sweep's members (local files only, never downloaded)." };
        var sweepSetOpt = new Option<string[]>("--set") { Description = "Override one value of the sweep config, KEY=VALUE with KEY a dotted path (repeatable); applied before the sweep is expanded.", AllowMultipleArgumentsPerToken = false };
        var sweepNoReportOpt = new Option<bool>("--no-report") { Description = "Write data files only; build the reports later with 'freqscope report'." };
        var backendOpt = new Option<string?>("--backend") { Description = "Where the members run: inprocess (one after another, the default), local (parallel child processes) or slurm (a Slurm job array; returns at once). A resumed sweep keeps its own." };
        CliValues.OneOf(backendOpt, SweepCommand.InProcess, SweepCommand.Local, SweepCommand.Slurm);
        var jobsOpt = CliValues.Int("--jobs", "--backend local: members run at once (default: the number of cores); each gets max(1, cores / N) torch threads.", min: 1);
        var partitionOpt = new Option<string?>("--partition") { Description = "--backend slurm: the partition (#SBATCH --partition)." };
        var timeOpt = new Option<string?>("--time") { Description = "--backend slurm: time limit per member (#SBATCH --time), e.g. 01:00:00." };
        var memOpt = new Option<string?>("--mem") { Description = "--backend slurm: memory per member (#SBATCH --mem), e.g. 4G." };
        var gpusOpt = new Option<string?>("--gpus") { Description = "--backend slurm: GPUs per member (#SBATCH --gpus)." };
        var cpusOpt = CliValues.Int("--cpus-per-task", "--backend slurm: cores per member, also its torch threads (default 1).", min: 1);
        var sbatchArgOpt = new Option<string[]>("--sbatch-arg") { Description = "--backend slurm: one more #SBATCH option, verbatim (repeatable), e.g. --sbatch-arg=--account=proj.", AllowMultipleArgumentsPerToken = false };
        var retriesOpt = CliValues.Int("--retries", "--backend slurm: how many times a follow-up job resubmits the members that failed or never finished (default 1; 0: no retry job).", min: 0);
        var noEnsembleOpt = new Option<bool>("--no-ensemble") { Description = "Run every fit1d member alone instead of training compatible members together as one ensemble (inprocess backend)." };
        var sweep = new Command("sweep", "Run every member of a parameter sweep (a grid or zip of config values) and compare them in sweep.csv and report.html.")
        {
            sweepConfigArg, sweepOutOpt, sweepSetOpt, sweepDeviceOpt, sweepSmokeOpt, sweepResumeOpt, sweepNoReportOpt, sweepDataOpt,
            backendOpt, jobsOpt, partitionOpt, timeOpt, memOpt, gpusOpt, cpusOpt, sbatchArgOpt, retriesOpt, noEnsembleOpt,
        };
        CliValues.RefuseUnknownOptions(sweepConfigArg, sweep);
        sweep.SetAction(p =>
        {
            var extra = p.GetValue(sbatchArgOpt) ?? [];
            var slurmGiven = p.GetValue(partitionOpt) is not null || p.GetValue(timeOpt) is not null || p.GetValue(memOpt) is not null
                || p.GetValue(gpusOpt) is not null || p.GetValue(cpusOpt) is not null || extra.Length > 0 || p.GetValue(retriesOpt) is not null;
            return SweepCommand.Execute(console, new SweepCommand.Arguments(
                p.GetValue(sweepConfigArg), p.GetValue(sweepOutOpt), p.GetValue(sweepDeviceOpt), p.GetValue(sweepSmokeOpt),
                p.GetValue(sweepResumeOpt), p.GetValue(sweepNoReportOpt), p.GetValue(sweepDataOpt))
            {
                Set = p.GetValue(sweepSetOpt) ?? [],
                Backend = p.GetValue(backendOpt),
                Jobs = p.GetValue(jobsOpt),
                NoEnsemble = p.GetValue(noEnsembleOpt),
                SlurmOptionsGiven = slurmGiven,
                Slurm = new FreqScope.Sweeps.SlurmOptions
                {
                    Command = [],
                    Partition = p.GetValue(partitionOpt),
                    Time = p.GetValue(timeOpt),
                    Mem = p.GetValue(memOpt),
                    Gpus = p.GetValue(gpusOpt),
                    CpusPerTask = p.GetValue(cpusOpt) ?? 1,
                    ExtraArguments = extra,
                    Retries = p.GetValue(retriesOpt) ?? 1,
                },
            });
        });

        // Subcommands of sweep. System.CommandLine matches a token against subcommand names before it takes it as
        // the CONFIG argument, so a config file literally named "status" (no extension) is given as ./status.
        var sweepDirArg = new Argument<string>("SWEEP_DIR") { Description = "A sweep folder (it holds sweep.json)." };
        var status = new Command("status", "Show each member's state (from its run folder; for a Slurm sweep also its Slurm task's state).") { sweepDirArg };
        status.SetAction(p => SweepFolderCommands.Status(console, p.GetValue(sweepDirArg)));
        var collectDirArg = new Argument<string>("SWEEP_DIR") { Description = "A sweep folder (it holds sweep.json)." };
        var collectNoReportOpt = new Option<bool>("--no-report") { Description = "Rebuild sweep.json and sweep.csv only." };
        var collect = new Command("collect", "Rebuild sweep.json's member records, sweep.csv and report.html from the member folders; exit 1 while some member has not finished.") { collectDirArg, collectNoReportOpt };
        collect.SetAction(p => SweepFolderCommands.Collect(console, p.GetValue(collectDirArg), p.GetValue(collectNoReportOpt)));
        var memberDirArg = new Argument<string>("SWEEP_DIR") { Description = "A sweep folder (it holds sweep.json)." };
        var memberIndexArg = CliValues.IntArgument("INDEX", "The member's index (0 for NAME-000).", min: 0);
        var threadsOpt = CliValues.Int("--threads", "Torch CPU threads (torch.set_num_threads) before the member runs.", min: 1);
        var memberNoReportOpt = new Option<bool>("--no-report") { Description = "Do not build the member's report." };
        var progressLinesOpt = new Option<bool>("--progress-lines") { Description = "Print @start and @progress lines for a parent process.", Hidden = true };
        var member = new Command("member", "Internal: run one member of an existing sweep folder (what the local and Slurm backends start); writes its run folder only.")
        {
            memberDirArg, memberIndexArg, threadsOpt, memberNoReportOpt, progressLinesOpt,
        };
        member.Hidden = true;
        member.SetAction(p => SweepMemberCommand.Execute(console, output, new SweepMemberCommand.Arguments(
            p.GetValue(memberDirArg)!, p.GetValue(memberIndexArg), p.GetValue(threadsOpt), p.GetValue(memberNoReportOpt), p.GetValue(progressLinesOpt))));
        var retryDirArg = new Argument<string>("SWEEP_DIR") { Description = "A sweep folder submitted with --backend slurm." };
        var retry = new Command("retry", "Internal (the Slurm retry job): resubmit the members that failed or never finished, while retries are left.") { retryDirArg };
        retry.Hidden = true;
        retry.SetAction(p => SweepFolderCommands.Retry(console, p.GetValue(retryDirArg)));
        sweep.Subcommands.Add(status);
        sweep.Subcommands.Add(collect);
        sweep.Subcommands.Add(member);
        sweep.Subcommands.Add(retry);

        var runDirArg = new Argument<string>("RUN_DIR") { Description = "A run folder written by 'freqscope run', or a sweep folder written by 'freqscope sweep'." };
        var report = new Command("report", "Rebuild plots/ and report.html of a run or sweep folder from its data files.") { runDirArg };
        report.SetAction(p => Guard(console, () =>
        {
            var dir = p.GetValue(runDirArg)!;
            if (!Directory.Exists(dir)) throw new UsageException($"run folder \"{dir}\" does not exist");
            var result = RunReport.Build(dir);
            console.MarkupLineInterpolated($"Report: [link]{result.ReportPath}[/]");
            return ExitOk;
        }));

        var watchDirArg = new Argument<string>("RUN_DIR") { Description = "A run folder, usually of a run still going." };
        var intervalOpt = CliValues.Double("--interval", "Seconds between reads of the run's tables (default 2).", min: 0.1);
        var watch = new Command("watch", "Show a run's latest measurements (losses, Δ_F per peak, e_low/e_high, band errors, …) as a live table until it ends.") { watchDirArg, intervalOpt };
        watch.SetAction(p => Guard(console, () =>
        {
            using var interrupt = new ConsoleInterrupt();
            return WatchCommand.Execute(console, p.GetValue(watchDirArg)!, p.GetValue(intervalOpt) ?? 2, interrupt.Token);
        }));

        var kindArg = new Argument<string?>("KIND") { Arity = ArgumentArity.ZeroOrOne, Description = $"The experiment kind: {string.Join(", ", FreqScope.Experiments.ExperimentKinds.Registry.Names)}." };
        var schemaOutOpt = new Option<string?>("--out") { Description = "Write every kind's schema to this folder as KIND.schema.json (what schemas/ holds) instead of printing one." };
        var schema = new Command("schema", "Print the JSON Schema of an experiment kind's config (editors complete and check configs that name it in \"$schema\").") { kindArg, schemaOutOpt };
        schema.SetAction(p => Guard(console, () => SchemaCommand.Execute(output, p.GetValue(kindArg), p.GetValue(schemaOutOpt))));

        var info = new Command("info", "Show versions, threads, CUDA devices and how the native libraries were loaded.");
        info.SetAction(_ => Guard(console, () => Info(output)));

        root.Subcommands.Add(run);
        root.Subcommands.Add(sweep);
        root.Subcommands.Add(report);
        root.Subcommands.Add(watch);
        root.Subcommands.Add(schema);
        root.Subcommands.Add(info);
        return root;
    }

    internal static int Guard(IAnsiConsole console, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ConfigException or UsageException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {PrintableText.Escape(e.Message, keepLineBreaks: true)}");
            return ExitUsage;
        }
        catch (Exception e) when (e is NativeLoadException or FreqScope.Data.DataFileException or InvalidOperationException or InvalidDataException
            or IOException or ArgumentException or System.Net.Http.HttpRequestException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {PrintableText.Escape(e.Message, keepLineBreaks: true)}");
            return ExitError;
        }
        catch (Exception e) when (e is System.Runtime.InteropServices.ExternalException or OutOfMemoryException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {NativeFailure(e)}");
            return ExitError;
        }
    }

    /// <summary>
    /// One line for a failure inside libtorch (its message's first line, without the C++ frames that follow) or for
    /// .NET running out of memory, with what to try.
    /// </summary>
    internal static string NativeFailure(Exception e)
    {
        var first = e.Message.Split('\n', 2)[0].Trim();
        var memory = e is OutOfMemoryException || first.Contains("not enough memory", StringComparison.OrdinalIgnoreCase)
            || first.Contains("out of memory", StringComparison.OrdinalIgnoreCase);
        var hint = memory ? "; the model or data do not fit in memory: make them smaller (--smoke, fewer points, a narrower model) or use another device" : string.Empty;
        return (e is OutOfMemoryException ? "out of memory (.NET): " : "libtorch: ") + first + hint;
    }

    private static int Info(TextWriter output)
    {
        var load = NativeLoader.EnsureLoaded();
        bool cuda = torch.cuda.is_available();
        var rows = new (string, string)[]
        {
            ("FreqScope", VersionInfo.FreqScope),
            ("TorchSharp", VersionInfo.TorchSharp),
            ("libtorch", VersionInfo.LibTorch),
            ("CPU threads (torch)", torch.get_num_threads().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("CPU cores (machine)", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("CUDA", cuda ? $"available, {torch.cuda.device_count()} device(s)" : "not available"),
            ("native loading", load.Path),
            ("libtorch folder", load.LibTorchDirectory),
            ("LibTorchSharp", load.LibTorchSharpPath),
            ("MKL CNR mode", MklReproducibility.Describe()),
        };
        foreach (var (what, value) in rows) output.WriteLine($"{what + ":",-22}{value}");
        output.WriteLine("loading steps:");
        foreach (var step in load.Steps) output.WriteLine("  " + step);
        return ExitOk;
    }
}
