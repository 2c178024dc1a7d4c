using System.Globalization;
using FreqScope.Core.Kinds;
using FreqScope.Core.Runs;
using FreqScope.Reporting;

namespace FreqScope.Tests.Extending;

/// <summary>The <c>decay</c> kind: everything FreqScope needs to run, resume, sweep and report it.</summary>
public sealed class DecayExperiment : ExperimentKind<DecayExperiment, DecayConfig, DecaySummary>
{
    /// <summary>The table the run writes.</summary>
    public const string TraceFile = "trace.csv";

    /// <summary>The kind (use <see cref="ExperimentKind{TSelf, TConfig, TSummary}.Instance"/>).</summary>
    public DecayExperiment()
        : base(DecayConfig.Decay, DecayConfigJson.Default)
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> SweepMetrics { get; } = ["final", "error"];

    /// <summary><c>--steps</c> sets steps.</summary>
    protected override IReadOnlyList<CliAlias> OwnAliases { get; } = [CliAlias.For("--steps", "steps")];

    /// <summary>At most 20 steps, probed every ≤ 5.</summary>
    protected override DecayConfig Shrink(DecayConfig config) =>
        config with { Steps = Math.Min(config.Steps, 20), ProbeEvery = Math.Min(config.ProbeEvery, 5) };

    /// <inheritdoc/>
    protected override IRunSession Open(DecayConfig config, RunContext context) => new DecaySession(config, context);

    /// <inheritdoc/>
    public override string Describe(RunProgress progress) =>
        string.Create(CultureInfo.InvariantCulture, $"step {progress.Step,5}  x {progress["x"],12:G6}");

    /// <summary>A report of the verdict, the trace's last row and the config.</summary>
    public override ReportResult BuildReport(string runDir)
    {
        var summaryPath = Path.Combine(runDir, RunFolder.SummaryFile);
        var verdict = File.Exists(summaryPath) ? System.Text.Json.JsonDocument.Parse(File.ReadAllText(summaryPath)).RootElement.GetProperty("verdict").GetString()! : "Unfinished.";
        var last = File.ReadLines(Path.Combine(runDir, TraceFile)).Last();
        var html = ReportHtml.Open("decay", File.Exists(summaryPath) ? null : "UNFINISHED RUN", verdict);
        ReportHtml.AppendFacts(html, [("last row of trace.csv", last)]);
        ReportHtml.AppendConfigAndEnd(html, File.ReadAllText(Path.Combine(runDir, RunFolder.ConfigFile)), runDir);
        var report = Path.Combine(runDir, RunFolder.ReportFile);
        AtomicFile.WriteAllText(report, html.ToString());
        return new ReportResult(report, Path.Combine(runDir, "plots"), [], File.Exists(summaryPath));
    }
}
