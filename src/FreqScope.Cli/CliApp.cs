using System.CommandLine;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Reporting;
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
        var root = new RootCommand("FreqScope: watch a neural network learn a target, frequency by frequency (the Frequency Principle / spectral bias).");

        var configArg = new Argument<string?>("CONFIG") { Arity = ArgumentArity.ZeroOrOne, Description = "Experiment config (JSON). Without it, the embedded default (experiments/fprinciple-1d.json) runs." };
        var outOpt = new Option<string?>("--out") { Description = "Run folder to create (default: runs/NAME-TIMESTAMP)." };
        var deviceOpt = new Option<string?>("--device") { Description = "cpu, cuda or auto (overrides the config)." };
        deviceOpt.AcceptOnlyFromAmong("cpu", "cuda", "auto");
        var seedOpt = new Option<long?>("--seed") { Description = "Random seed (overrides the config)." };
        var stepsOpt = new Option<long?>("--steps") { Description = "Training steps (overrides the config; poisson: network.steps; ntk: training.steps)." };
        stepsOpt.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is long s && s < 1) r.AddError($"--steps {s} is out of range; expected an integer >= 1");
        });
        var epochsOpt = new Option<int?>("--epochs") { Description = "Training epochs of a classify experiment (overrides the config)." };
        epochsOpt.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is int e && e < 1) r.AddError($"--epochs {e} is out of range; expected an integer >= 1");
        });
        var dataOpt = new Option<string?>("--data") { Description = "Folder holding the dataset files of a classify experiment (local files only, never downloaded)." };
        var smokeOpt = new Option<bool>("--smoke") { Description = "A short run that exercises everything (fit1d: at most 50 steps; classify: at most 2 epochs on 500 images, a VGG at most a quarter as wide; poisson: a coarse grid and at most 60 network steps; fourier-features: width ≤ 256, at most 60 steps; ntk: at most 64 points, widths 256 and 50 steps; parity: at most 300 steps, 31 shells and 16 directions)." };
        var resumeOpt = new Option<string?>("--resume") { Description = "Continue an interrupted run folder from its last checkpoint." };
        var noReportOpt = new Option<bool>("--no-report") { Description = "Write data files only; build plots and report.html later with 'freqscope report'." };

        var run = new Command("run", "Train a network (a 1-D fit or an image classifier) and record, frequency by frequency, how its output approaches the target.")
        {
            configArg, outOpt, deviceOpt, seedOpt, stepsOpt, epochsOpt, dataOpt, smokeOpt, resumeOpt, noReportOpt,
        };
        run.SetAction(p => RunCommand.Execute(console, new RunCommand.Arguments(
            p.GetValue(configArg), p.GetValue(outOpt), p.GetValue(deviceOpt), p.GetValue(seedOpt), p.GetValue(stepsOpt),
            p.GetValue(epochsOpt), p.GetValue(dataOpt), p.GetValue(smokeOpt), p.GetValue(resumeOpt), p.GetValue(noReportOpt))));

        var sweepConfigArg = new Argument<string?>("CONFIG") { Arity = ArgumentArity.ZeroOrOne, Description = "Sweep config: an experiment config with a \"sweep\" key listing values for dotted paths (see README, Sweeps)." };
        var sweepOutOpt = new Option<string?>("--out") { Description = "Sweep folder to create or continue (default: runs/NAME-TIMESTAMP); one run folder per member inside." };
        var sweepDeviceOpt = new Option<string?>("--device") { Description = "cpu, cuda or auto for every member (overrides the config)." };
        sweepDeviceOpt.AcceptOnlyFromAmong("cpu", "cuda", "auto");
        var sweepSmokeOpt = new Option<bool>("--smoke") { Description = "Run every member in smoke mode (as 'run --smoke')." };
        var sweepResumeOpt = new Option<string?>("--resume") { Description = "Continue a sweep folder with its own sweep.json: finished members are kept, interrupted ones resumed, failed ones run again." };
        var sweepDataOpt = new Option<string?>("--data") { Description = "Folder holding the dataset files of a classify sweep's members (local files only, never downloaded)." };
        var sweepNoReportOpt = new Option<bool>("--no-report") { Description = "Write data files only; build the reports later with 'freqscope report'." };
        var sweep = new Command("sweep", "Run every member of a parameter sweep (a grid or zip of config values) and compare them in sweep.csv and report.html.")
        {
            sweepConfigArg, sweepOutOpt, sweepDeviceOpt, sweepSmokeOpt, sweepResumeOpt, sweepNoReportOpt, sweepDataOpt,
        };
        sweep.SetAction(p => SweepCommand.Execute(console, new SweepCommand.Arguments(
            p.GetValue(sweepConfigArg), p.GetValue(sweepOutOpt), p.GetValue(sweepDeviceOpt), p.GetValue(sweepSmokeOpt),
            p.GetValue(sweepResumeOpt), p.GetValue(sweepNoReportOpt), p.GetValue(sweepDataOpt))));

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

        var info = new Command("info", "Show versions, threads, CUDA devices and how the native libraries were loaded.");
        info.SetAction(_ => Guard(console, () => Info(output)));

        root.Subcommands.Add(run);
        root.Subcommands.Add(sweep);
        root.Subcommands.Add(report);
        root.Subcommands.Add(info);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) console.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            console.MarkupLine("Run 'freqscope --help' for usage.");
            return ExitUsage;
        }
        return parsed.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null, Output = output, Error = output });
    }

    internal static int Guard(IAnsiConsole console, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ConfigException or UsageException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitUsage;
        }
        catch (Exception e) when (e is NativeLoadException or FreqScope.Data.DataFileException or InvalidOperationException or InvalidDataException
            or IOException or ArgumentException or System.Net.Http.HttpRequestException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitError;
        }
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
        };
        foreach (var (what, value) in rows) output.WriteLine($"{what + ":",-22}{value}");
        output.WriteLine("loading steps:");
        foreach (var step in load.Steps) output.WriteLine("  " + step);
        return ExitOk;
    }
}
