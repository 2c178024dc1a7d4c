using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using Spectre.Console;

namespace FreqScope.Cli;

/// <summary><c>freqscope run</c>: resolve the config (any experiment kind), run with a progress bar, stop cleanly on Ctrl-C.</summary>
internal static class RunCommand
{
    public sealed record Arguments(
        string? Config, string? Out, string? Device, long? Seed, long? Steps, int? Epochs, string? Data, bool Smoke, string? Resume, bool NoReport);

    public static int Execute(IAnsiConsole console, Arguments a) => CliApp.Guard(console, () =>
    {
        IExperimentConfig config;
        string runDir;
        string? configDir = null;
        if (a.Resume is not null)
        {
            if (a.Config is not null || a.Out is not null || a.Device is not null || a.Seed is not null || a.Steps is not null
                || a.Epochs is not null || a.Data is not null || a.Smoke)
                throw new UsageException("--resume continues a run with its own config.json; it takes no CONFIG, --out, --device, --seed, --steps, --epochs, --data or --smoke");
            if (!Directory.Exists(a.Resume)) throw new UsageException($"--resume \"{a.Resume}\": no such run folder");
            runDir = a.Resume;
            config = ConfigLoader.LoadAnyFile(Path.Combine(runDir, "config.json"));
        }
        else
        {
            if (a.Config is not null)
            {
                config = ConfigLoader.LoadAnyFile(a.Config);
                configDir = Path.GetDirectoryName(Path.GetFullPath(a.Config));
            }
            else
            {
                config = ConfigLoader.LoadDefault();
            }

            config = ApplyOverrides(config, a);
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
            return config switch
            {
                ClassifyExperimentConfig classify => RunClassify(console, classify, a, runDir, configDir, cts.Token),
                PoissonExperimentConfig poisson => RunPoisson(console, poisson, a, runDir, cts.Token),
                FourierExperimentConfig fourier => RunFourier(console, fourier, a, runDir, cts.Token),
                NtkExperimentConfig ntk => RunNtk(console, ntk, a, runDir, cts.Token),
                ParityExperimentConfig parity => RunParity(console, parity, a, runDir, cts.Token),
                ImageFitExperimentConfig image => RunImageFit(console, image, a, runDir, configDir, cts.Token),
                FitExperimentConfig fit => RunFit(console, fit, a, runDir, configDir, cts.Token),
                _ => throw new UsageException($"experiment \"{config.Experiment}\" cannot be run"),
            };
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    });

    private static IExperimentConfig ApplyOverrides(IExperimentConfig config, Arguments a)
    {
        switch (config)
        {
            case FitExperimentConfig fit:
                if (a.Epochs is not null) throw new UsageException($"--epochs applies to classify experiments; \"{fit.Name}\" is a fit1d experiment (use --steps)");
                if (a.Data is not null) throw new UsageException($"--data applies to classify experiments; \"{fit.Name}\" is a fit1d experiment");
                if (a.Seed is long seed) fit = fit with { Seed = seed };
                if (a.Steps is long steps) fit = fit with { Training = fit.Training with { Steps = steps } };
                if (a.Device is string device) fit = fit with { Device = device };
                return a.Smoke ? FitExperiment.Smoke(fit) : fit;
            case ClassifyExperimentConfig c:
                if (a.Steps is not null) throw new UsageException($"--steps applies to fit1d experiments; \"{c.Name}\" is a classify experiment (use --epochs)");
                if (a.Seed is long s) c = c with { Seed = s };
                if (a.Epochs is int epochs) c = c with { Training = c.Training with { Epochs = epochs } };
                if (a.Device is string d) c = c with { Device = d };
                if (a.Data is string dir)
                {
                    if (!Directory.Exists(dir)) throw new UsageException($"--data \"{dir}\": no such folder; expected a folder holding the {c.Data.Dataset} files");
                    c = c with { Data = c.Data with { Dir = Path.GetFullPath(dir), Download = false } };
                }

                return a.Smoke ? ClassifyExperiment.Smoke(c) : c;
            case PoissonExperimentConfig p:
                if (a.Epochs is not null) throw new UsageException($"--epochs applies to classify experiments; \"{p.Name}\" is a poisson experiment (--steps sets network.steps)");
                if (a.Data is not null) throw new UsageException($"--data applies to classify experiments; \"{p.Name}\" is a poisson experiment");
                if (a.Seed is long ps) p = p with { Seed = ps };
                if (a.Device is string pd) p = p with { Device = pd };
                if (a.Steps is long pSteps)
                {
                    if (p.Network is null) throw new UsageException($"--steps sets network.steps, but \"{p.Name}\" has no network");
                    if (p.Hybrid is { } h && h.Handover[^1] > pSteps)
                        throw new UsageException($"--steps {pSteps} is before the last hybrid handover step {h.Handover[^1]}; expected at least {h.Handover[^1]}");
                    p = p with { Network = p.Network with { Steps = pSteps } };
                }

                return a.Smoke ? PoissonExperiment.Smoke(p) : p;
            case FourierExperimentConfig ff:
                if (a.Epochs is not null) throw new UsageException($"--epochs applies to classify experiments; \"{ff.Name}\" is a fourier-features experiment (use --steps)");
                if (a.Data is not null) throw new UsageException($"--data applies to classify experiments; \"{ff.Name}\" is a fourier-features experiment");
                if (a.Seed is long fs) ff = ff with { Seed = fs };
                if (a.Device is string fd) ff = ff with { Device = fd };
                if (a.Steps is long fSteps)
                {
                    if (fSteps < 1 || fSteps > FourierTrainingConfig.MaxSteps) throw new UsageException($"--steps {fSteps}: expected an integer between 1 and {FourierTrainingConfig.MaxSteps}");
                    ff = ff with { Training = ff.Training with { Steps = fSteps }, Probe = ff.Probe with { Every = Math.Min(ff.Probe.Every, fSteps) } };
                }

                return a.Smoke ? FourierExperiment.Smoke(ff) : ff;
            case NtkExperimentConfig n:
                if (a.Epochs is not null) throw new UsageException($"--epochs applies to classify experiments; \"{n.Name}\" is an ntk experiment (--steps sets training.steps)");
                if (a.Data is not null) throw new UsageException($"--data applies to classify experiments; \"{n.Name}\" is an ntk experiment");
                if (a.Seed is long ns) n = n with { Seed = ns };
                if (a.Device is string nd) n = n with { Device = nd };
                if (a.Steps is long nSteps)
                {
                    if (nSteps > NtkTrainingConfig.MaxSteps) throw new UsageException($"--steps {nSteps} is out of range for an ntk experiment; expected at most {NtkTrainingConfig.MaxSteps}");
                    n = n with { Training = n.Training with { Steps = nSteps } };
                }

                return a.Smoke ? NtkExperiment.Smoke(n) : n;
            case ParityExperimentConfig par:
                if (a.Epochs is not null) throw new UsageException($"--epochs applies to classify experiments; \"{par.Name}\" is a parity experiment (use --steps)");
                if (a.Data is not null) throw new UsageException($"--data applies to classify experiments; \"{par.Name}\" is a parity experiment");
                if (a.Seed is long parSeed) par = par with { Seed = parSeed };
                if (a.Device is string parDevice) par = par with { Device = parDevice };
                if (a.Steps is long parSteps)
                {
                    if (parSteps < 1 || parSteps > ParityTrainingConfig.MaxSteps) throw new UsageException($"--steps {parSteps}: expected an integer between 1 and {ParityTrainingConfig.MaxSteps}");
                    par = par with { Training = par.Training with { Steps = parSteps }, Probe = par.Probe with { Every = Math.Min(par.Probe.Every, parSteps) } };
                }

                return a.Smoke ? ParityExperiment.Smoke(par) : par;
            case ImageFitExperimentConfig img:
                if (a.Epochs is not null) throw new UsageException($"--epochs applies to classify experiments; \"{img.Name}\" is an image-fit experiment (use --steps)");
                if (a.Data is not null) throw new UsageException($"--data applies to classify experiments; \"{img.Name}\" is an image-fit experiment");
                if (a.Seed is long imgSeed) img = img with { Seed = imgSeed };
                if (a.Device is string imgDevice) img = img with { Device = imgDevice };
                if (a.Steps is long imgSteps)
                {
                    if (imgSteps < 1 || imgSteps > ImageFitTrainingConfig.MaxSteps) throw new UsageException($"--steps {imgSteps}: expected an integer between 1 and {ImageFitTrainingConfig.MaxSteps}");
                    img = img with { Training = img.Training with { Steps = imgSteps }, Probe = img.Probe with { Every = Math.Min(img.Probe.Every, imgSteps) } };
                }

                return a.Smoke ? ImageFitExperiment.Smoke(img) : img;
            default:
                return config;
        }
    }

    private static int RunFit(IAnsiConsole console, FitExperimentConfig config, Arguments a, string runDir, string? configDir, CancellationToken token)
    {
        var r = WithProgress(console, "training", config.Training.Steps, task =>
            FitExperiment.Run(config, new FitRunOptions
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
            }, token));
        return Finish(console, r.Status, r.RunDirectory, $"step {r.StepsCompleted}", r.Summary?.Verdict, a.NoReport);
    }

    private static int RunClassify(IAnsiConsole console, ClassifyExperimentConfig config, Arguments a, string runDir, string? configDir, CancellationToken token)
    {
        var r = WithProgress(console, "preparing", 1, task =>
            ClassifyExperiment.Run(config, new ClassifyRunOptions
            {
                RunDirectory = runDir,
                Resume = a.Resume is not null,
                ConfigDirectory = configDir,
                Smoke = a.Smoke,
                BuildReport = !a.NoReport,
                OnMessage = m => task.Description = Markup.Escape(m),
                OnProgress = p =>
                {
                    task.MaxValue = Math.Max(1, p.TotalSteps);
                    task.Value = p.Step;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"epoch {p.Epoch,3}/{p.Epochs}  train acc {p.TrainAccuracy,6:P1}  test acc {p.TestAccuracy,6:P1}");
                },
            }, token));
        return Finish(console, r.Status, r.RunDirectory, $"epoch {r.EpochsCompleted} (step {r.StepsCompleted})", r.Summary?.Verdict, a.NoReport);
    }

    private static int RunPoisson(IAnsiConsole console, PoissonExperimentConfig config, Arguments a, string runDir, CancellationToken token)
    {
        var r = WithProgress(console, "solving", PoissonExperiment.Plan(config).Count, task =>
            PoissonExperiment.Run(config, new PoissonRunOptions
            {
                RunDirectory = runDir,
                Resume = a.Resume is not null,
                Smoke = a.Smoke,
                BuildReport = !a.NoReport,
                OnProgress = p =>
                {
                    task.MaxValue = p.MethodCount;
                    // Relaxations are probed at log-spaced sweeps, so progress within a method is shown on a log scale.
                    task.Value = p.MethodIndex + Math.Min(1.0, Math.Log(1 + p.Iteration) / Math.Log(1 + Math.Max(1, p.IterationLimit)));
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                        $"{p.Method,-12} iteration {p.Iteration,9}  error {p.Error,9:E2}"));
                },
            }, token));
        return Finish(console, r.Status, r.RunDirectory, $"method {r.MethodsCompleted + 1}", r.Summary?.Verdict, a.NoReport);
    }

    private static int RunNtk(IAnsiConsole console, NtkExperimentConfig config, Arguments a, string runDir, CancellationToken token)
    {
        var r = WithProgress(console, "computing the NTK", config.Training.Steps, task =>
            NtkExperiment.Run(config, new NtkRunOptions
            {
                RunDirectory = runDir,
                Resume = a.Resume is not null,
                Smoke = a.Smoke,
                BuildReport = !a.NoReport,
                OnProgress = p =>
                {
                    task.MaxValue = Math.Max(1, p.Steps);
                    task.Value = p.Step;
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                        $"step {p.Step,7}  loss {p.LossReal,10:E3}  linear {p.LossLinear,10:E3}  discrepancy {p.Discrepancy,9:E2}"));
                },
            }, token));
        if (r.Summary is { } s)
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"final discrepancy ‖f − f_lin‖ / ‖y − f₀‖ = {s.FinalDiscrepancy:G4} (largest {s.MaxDiscrepancy:G4}); kernel drift ‖Θ_T − Θ₀‖_F / ‖Θ₀‖_F = {(s.KernelDrift is double k ? k.ToString("G4", CultureInfo.InvariantCulture) : "n/a")}")));
        }

        return Finish(console, r.Status, r.RunDirectory, $"step {r.StepsCompleted}", r.Summary?.Verdict, a.NoReport,
            "no checkpoint (--resume runs it again from step 0)");
    }

    private static int RunFourier(IAnsiConsole console, FourierExperimentConfig config, Arguments a, string runDir, CancellationToken token)
    {
        var r = WithProgress(console, "training", config.Training.Steps, task =>
            FourierExperiment.Run(config, new FourierRunOptions
            {
                RunDirectory = runDir,
                Resume = a.Resume is not null,
                Smoke = a.Smoke,
                BuildReport = !a.NoReport,
                OnProgress = (step, loss) =>
                {
                    task.Value = step;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"step {step,7}  loss {loss,10:E3}");
                },
            }, token));
        string? verdict = r.Summary?.Verdict;
        if (r.Summary?.Pde is { } pde) verdict += " " + FreqScope.Reporting.FourierReport.DiscrepancyText(pde);
        return Finish(console, r.Status, r.RunDirectory, $"step {r.StepsCompleted}", verdict, a.NoReport);
    }

    private static int RunParity(IAnsiConsole console, ParityExperimentConfig config, Arguments a, string runDir, CancellationToken token)
    {
        var r = WithProgress(console, "training", config.Training.Steps, task =>
            ParityExperiment.Run(config, new ParityRunOptions
            {
                RunDirectory = runDir,
                Resume = a.Resume is not null,
                Smoke = a.Smoke,
                BuildReport = !a.NoReport,
                OnProgress = p =>
                {
                    task.Value = p.Step;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"step {p.Step,7}  loss {p.TrainLoss,10:E3}  train acc {p.TrainAccuracy,6:P1}  test acc {p.TestAccuracy,6:P1}");
                },
            }, token));
        return Finish(console, r.Status, r.RunDirectory, $"step {r.StepsCompleted}", r.Summary?.Verdict, a.NoReport);
    }

    private static int RunImageFit(IAnsiConsole console, ImageFitExperimentConfig config, Arguments a, string runDir, string? configDir, CancellationToken token)
    {
        var r = WithProgress(console, "training", config.Training.Steps, task =>
            ImageFitExperiment.Run(config, new ImageFitRunOptions
            {
                RunDirectory = runDir,
                Resume = a.Resume is not null,
                Smoke = a.Smoke,
                BuildReport = !a.NoReport,
                ConfigDirectory = configDir,
                OnProgress = (step, trainPsnr, testPsnr) =>
                {
                    task.Value = step;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"step {step,7}  train PSNR {trainPsnr,6:F2} dB  test PSNR {testPsnr,6:F2} dB");
                },
            }, token));
        return Finish(console, r.Status, r.RunDirectory, $"step {r.StepsCompleted}", r.Summary?.Verdict, a.NoReport);
    }

    /// <summary>Runs <paramref name="run"/> under a progress bar with one task (description and maximum given) and returns its result.</summary>
    private static T WithProgress<T>(IAnsiConsole console, string description, double maxValue, Func<ProgressTask, T> run)
    {
        T? result = default;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx => result = run(ctx.AddTask(description, maxValue: maxValue)));
        return result!;
    }

    private static int Finish(IAnsiConsole console, string status, string runDir, string where, string? verdict, bool noReport, string saved = "checkpoint saved")
    {
        if (status == RunStatus.Interrupted)
        {
            console.MarkupLineInterpolated($"[yellow]Interrupted at {where}; {saved}.[/] Continue with: freqscope run --resume {runDir}");
            return CliApp.ExitInterrupted;
        }

        if (verdict is not null) console.MarkupLineInterpolated($"[green]{verdict}[/]");
        console.MarkupLineInterpolated($"Run folder: {runDir}");
        if (!noReport) console.MarkupLineInterpolated($"Report: {Path.Combine(runDir, "report.html")}");
        return CliApp.ExitOk;
    }
}
