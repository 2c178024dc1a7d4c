using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Kinds;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;
using Spectre.Console;

namespace FreqScope.Cli;

/// <summary>
/// <c>freqscope run</c>: resolve the config (any experiment kind; <c>--set</c> overrides and the kind's aliases
/// applied), run it through the one run loop with a progress bar, stop cleanly on Ctrl-C. Nothing here names a kind:
/// the registry does.
/// </summary>
internal static class RunCommand
{
    public sealed record Arguments(
        string? Config, string? Out, string? Device, long? Seed, long? Steps, int? Epochs, string? Data, bool Smoke, string? Resume, bool NoReport)
    {
        public IReadOnlyList<string> Set { get; init; } = [];

        public bool PrintConfig { get; init; }

        public bool NoTensorBoard { get; init; }

        /// <summary>The alias options given, in a fixed order, with their values.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Aliases()
        {
            var given = new List<KeyValuePair<string, string>>();
            void Add(string option, string? value)
            {
                if (value is not null) given.Add(new(option, value));
            }

            Add("--seed", Seed?.ToString(CultureInfo.InvariantCulture));
            Add("--device", Device);
            Add("--steps", Steps?.ToString(CultureInfo.InvariantCulture));
            Add("--epochs", Epochs?.ToString(CultureInfo.InvariantCulture));
            Add("--data", Data);
            return given;
        }
    }

    public static int Execute(IAnsiConsole console, TextWriter output, Arguments a) => CliApp.Guard(console, () =>
    {
        var registry = ExperimentKinds.Registry;
        IExperimentConfig config;
        IReadOnlyList<ConfigOverride> overrides = [];
        string runDir;
        string? configDir = null;
        if (a.Resume is not null)
        {
            if (a.Config is not null || a.Out is not null || a.Aliases().Count > 0 || a.Smoke || a.Set.Count > 0)
                throw new UsageException("--resume continues a run with its own config.json; it takes no CONFIG, --out, --set, --device, --seed, --steps, --epochs, --data or --smoke");
            if (!Directory.Exists(a.Resume)) throw new UsageException($"--resume \"{a.Resume}\": no such run folder");
            runDir = a.Resume;
            config = registry.LoadFile(Path.Combine(runDir, RunFolder.ConfigFile));
        }
        else
        {
            string json, source;
            if (a.Config is not null)
            {
                (json, source) = (ConfigNode.ReadFile(a.Config), a.Config);
                configDir = Path.GetDirectoryName(Path.GetFullPath(a.Config));
            }
            else
            {
                (json, source) = (ConfigLoader.DefaultJson(), ConfigLoader.DefaultSource);
            }

            (config, overrides) = Resolve(registry, json, source, a.Set, a.Aliases());
            if (a.Smoke) config = registry.Of(config).Smoke(config);
            runDir = a.Out ?? Path.Combine("runs", $"{config.Name}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        }

        var kind = registry.Of(config);
        if (a.PrintConfig)
        {
            output.Write(kind.Write(config));
            output.WriteLine();
            return CliApp.ExitOk;
        }

        using var interrupt = new ConsoleInterrupt();
        console.MarkupLineInterpolated($"[bold]{config.Name}[/] → {Path.GetFullPath(runDir)}");
        RunResult<object>? result = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("preparing", maxValue: 1);
                result = RunLoop.Run(kind, config, new RunOptions
                {
                    RunDirectory = runDir,
                    Resume = a.Resume is not null,
                    ConfigDirectory = configDir,
                    Smoke = a.Smoke,
                    BuildReport = !a.NoReport,
                    TensorBoard = !a.NoTensorBoard,
                    Overrides = [.. overrides.Select(o => o.ToString())],
                    OnMessage = m => task.Description = Markup.Escape(m),
                    OnNotice = m => console.MarkupLineInterpolated($"[yellow]{m}[/]"),
                    OnProgress = p =>
                    {
                        task.Value = p.Fraction;
                        task.Description = Markup.Escape(kind.Describe(p));
                    },
                }, interrupt.Token);
            });
        return Finish(console, kind, result!, a.NoReport);
    });

    /// <summary>The config of <paramref name="json"/> with the <c>--set</c> assignments and alias options applied; argument problems are usage errors.</summary>
    internal static (IExperimentConfig Config, IReadOnlyList<ConfigOverride> Overrides) Resolve(
        ExperimentRegistry registry, string json, string source, IReadOnlyList<string> set, IReadOnlyList<KeyValuePair<string, string>> aliases)
    {
        var overrides = ParseSets(set);
        try
        {
            return registry.Resolve(json, source, overrides, aliases);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The <c>--set a.b=c</c> arguments of <c>run</c> and <c>sweep</c>; a malformed one is a usage error.</summary>
    internal static IReadOnlyList<ConfigOverride> ParseSets(IReadOnlyList<string> set)
    {
        try
        {
            return [.. set.Select(ConfigOverride.Parse)];
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static int Finish(IAnsiConsole console, IExperimentKind kind, RunResult<object> r, bool noReport)
    {
        if (r.Status == RunStatus.Interrupted)
        {
            var saved = kind.KeepsCheckpoints ? "checkpoint saved" : "no checkpoint (--resume runs it again from step 0)";
            console.MarkupLineInterpolated($"[yellow]Interrupted at {kind.Position(r.StepsCompleted, r.EpochsCompleted)}; {saved}.[/] Continue with: freqscope run --resume {r.RunDirectory}");
            return CliApp.ExitInterrupted;
        }

        if (r.Status == RunStatus.Diverged)
        {
            console.MarkupLineInterpolated($"[red]Diverged: {RunFolder.ReadManifest(r.RunDirectory).Error}.[/] The data up to then are in {r.RunDirectory}; lower the learning rate or change the initialisation and run it again.");
            return CliApp.ExitError;
        }

        if (r.Summary is not null)
        {
            // A smoke run's first line says so, as its report's verdict does.
            if (RunFolder.ReadManifest(r.RunDirectory).Smoke) console.MarkupLineInterpolated($"[yellow]{ReportHtml.SmokeLead.TrimEnd()}[/]");
            foreach (var line in kind.Outcome(r.Summary)) console.MarkupLineInterpolated($"[green]{line}[/]");
        }

        console.MarkupLineInterpolated($"Run folder: {r.RunDirectory}");
        if (!noReport && r.ReportError is null) console.MarkupLineInterpolated($"Report: {Path.Combine(r.RunDirectory, RunFolder.ReportFile)}");
        return CliApp.ExitOk;
    }
}
