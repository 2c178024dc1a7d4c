using System.Globalization;
using System.Text.Json.Nodes;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;
using ScottPlot;

namespace FreqScope.Sweeps;

/// <summary>
/// Rebuilds a sweep folder's <c>plots/</c> and <c>report.html</c> from its sweep.json and its members' tables: the
/// headline on how the main metric moves with the swept value (<see cref="SweepAnalysis.Headline"/>), a members table
/// (with links to each member's report) and the figures of <see cref="SweepFigures"/>.
/// </summary>
public static class SweepReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>True when <paramref name="dir"/> holds a sweep.json (a sweep folder rather than a run folder).</summary>
    public static bool IsSweepFolder(string dir) => File.Exists(Path.Combine(dir, SweepRunner.ManifestFile));

    /// <summary>Reads sweep.json, (re)writes one figure per metric into <c>DIR/plots/</c>, then writes <c>report.html</c> atomically.</summary>
    /// <param name="sweepDir">The sweep folder.</param>
    /// <returns>The paths written; <see cref="ReportResult.Finished"/> is true when every member finished.</returns>
    /// <exception cref="InvalidOperationException">The folder has no sweep.json.</exception>
    /// <exception cref="InvalidDataException">sweep.json is malformed.</exception>
    public static ReportResult Build(string sweepDir)
    {
        var dir = Path.GetFullPath(sweepDir);
        var manifest = SweepRunner.ReadManifest(dir);
        var finished = manifest.Members.All(m => m.Status == RunStatus.Finished);
        return ReportHtml.Write(manifest, dir, finished, (m, plotsDir) => SweepFigures.Write(m, dir, plotsDir), (m, plots) => RenderHtml(m, dir, plots));
    }

    private static string RenderHtml(SweepManifest manifest, string dir, IReadOnlyList<PlotFile> plots)
    {
        var finished = manifest.Members.Count(m => m.Status == RunStatus.Finished);
        var failed = manifest.Members.Count(m => m.Status == RunStatus.Failed);
        var complete = finished == manifest.Members.Count;
        var title = complete ? $"FreqScope sweep: {manifest.Name}" : $"FreqScope sweep: {manifest.Name} (UNFINISHED SWEEP)";
        // The finding first, the bookkeeping after it.
        var headline = SweepAnalysis.Headline(manifest);
        var verdict = (manifest.Smoke ? ReportHtml.SmokeLead : "")
            + (headline is null ? "No finished member has a metric yet. " : headline + " ")
            + $"{finished} of {manifest.Members.Count} members finished"
            + (failed > 0 ? $", {failed} failed" : "")
            + $"; {manifest.Experiment} members swept over {string.Join(", ", manifest.Keys)} ({manifest.Mode}).";
        var html = ReportHtml.Open(title, complete ? null : $"UNFINISHED SWEEP: {finished} of {manifest.Members.Count} members finished", verdict);
        ReportHtml.AppendFacts(html,
        [
            ("experiment", manifest.Experiment),
            ("mode", manifest.Mode),
            ("swept keys", string.Join(", ", manifest.Keys)),
            ("members", manifest.Members.Count.ToString(Invariant)),
            ("smoke", manifest.Smoke ? "yes" : "no"),
            ("device override", manifest.Device ?? "none"),
        ]);
        html.Append("<h2>Members</h2>\n<table class=\"facts\" id=\"members\">\n<tr><th>member</th>");
        foreach (var key in manifest.Keys) html.Append("<th>").Append(ReportHtml.Encode(key)).Append("</th>");
        html.Append("<th>status</th><th>wall s</th>");
        foreach (var metric in manifest.Metrics) html.Append("<th>").Append(ReportHtml.Encode(metric)).Append("</th>");
        html.Append("</tr>\n");
        foreach (var m in manifest.Members)
        {
            html.Append("<tr><td><a href=\"").Append(ReportHtml.Encode(m.Name)).Append('/').Append(RunFolder.ReportFile).Append("\">")
                .Append(ReportHtml.Encode(m.Name)).Append("</a></td>");
            foreach (var key in manifest.Keys)
                html.Append("<td>").Append(ReportHtml.Encode(m.Values.TryGetValue(key, out var v) ? SweepSpec.ValueLabel(v) : "")).Append("</td>");
            html.Append("<td>").Append(ReportHtml.Encode(m.Status + (m.Error is null ? "" : ": " + m.Error))).Append("</td>");
            html.Append("<td>").Append(ReportHtml.Number(m.WallSeconds)).Append("</td>");
            foreach (var metric in manifest.Metrics)
                html.Append("<td>").Append(ReportHtml.Number(m.Metrics.TryGetValue(metric, out var x) ? x : null)).Append("</td>");
            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
        ReportHtml.AppendFigures(html, plots, "No finished member has a metric to plot yet.");
        ReportHtml.AppendConfigAndEnd(html, manifest.Config.ToJsonString(), dir);
        return html.ToString();
    }
}
