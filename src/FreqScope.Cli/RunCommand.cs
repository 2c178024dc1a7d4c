using System.Globalization;
using FreqScope.Experiments;
using Spectre.Console;

namespace FreqScope.Cli;

/// <summary><c>freqscope run</c>: resolve the config, run with a progress bar, stop cleanly on Ctrl-C.</summary>
internal static class RunCommand
{
    public sealed record Arguments(string? Config, string? Out, string? Device, long? Seed, long? Steps, bool Smoke, string? Resume, bool NoReport);

    public static int Execute(IAnsiConsole console, Arguments a) => CliApp.Guard(console, () =>
    {
        FitExperimentConfig config;
        string runDir;
        string? configDir = null;
        if (a.Resume is not null)
        {
            if (a.Config is not null || a.Out is not null || a.Device is not null || a.Seed is not null || a.Steps is not null || a.Smoke)
                throw new UsageException("--resume continues a run with its own config.json; it takes no CONFIG, --out, --device, --seed, --steps or --smoke");
            if (!Directory.Exists(a.Resume)) throw new UsageException($"--resume \"{a.Resume}\": no such run folder");
            runDir = a.Resume;
            config = ConfigLoader.LoadFile(Path.Combine(runDir, "config.json"));
        }
        else
        {
            if (a.Config is not null)
            {
                config = ConfigLoader.LoadFile(a.Config);
                configDir = Path.GetDirectoryName(Path.GetFullPath(a.Config));
            }
            else
            {
                config = ConfigLoader.LoadDefault();
            }
            if (a.Seed is long seed) config = config with { Seed = seed };
            if (a.Steps is long steps) config = config with { Training = config.Training with { Steps = steps } };
            if (a.Device is string device) config = config with { Device = device };
            if (a.Smoke) config = FitExperiment.Smoke(config);
            runDir = a.Out ?? Path.Combine("runs", $"{config.Name}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        }

        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            console.MarkupLineInterpolated($"[bold]{config.Name}[/] → {Path.GetFullPath(runDir)}");
            FitRunResult? result = null;
            console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("training", maxValue: config.Training.Steps);
                    result = FitExperiment.Run(config, new FitRunOptions
                    {
                        RunDirectory = runDir,
                        Resume = a.Resume is not null,
                        ConfigDirectory = configDir,
                        Smoke = a.Smoke,
                        BuildReport = !a.NoReport,
                        OnProgress = p =>
                        {
                            task.Value = p.Step;
                            task.Description = string.Create(CultureInfo.InvariantCulture, $"step {p.Step,7}  loss {p.TrainLoss,10:E3}");
                        },
                    }, cts.Token);
                });
            var r = result!;
            if (r.Status == RunStatus.Interrupted)
            {
                console.MarkupLineInterpolated($"[yellow]Interrupted at step {r.StepsCompleted}; checkpoint saved.[/] Continue with: freqscope run --resume {r.RunDirectory}");
                return CliApp.ExitInterrupted;
            }
            if (r.Summary is not null) console.MarkupLineInterpolated($"[green]{r.Summary.Verdict}[/]");
            console.MarkupLineInterpolated($"Run folder: {r.RunDirectory}");
            if (!a.NoReport) console.MarkupLineInterpolated($"Report: {Path.Combine(r.RunDirectory, "report.html")}");
            return CliApp.ExitOk;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    });
}
