using System.Globalization;
using System.Text.Json.Nodes;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;
using ScottPlot;

namespace FreqScope.Sweeps;

/// <summary>
/// Rebuilds a sweep folder's <c>plots/</c> and <c>report.html</c> from its sweep.json alone: a members table (with
/// links to each member's report) and, for each metric, a figure of the metric against the swept value.
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
        return ReportHtml.Write(manifest, dir, finished, WritePlots, (m, plots) => RenderHtml(m, dir, plots));
    }

    /// <summary>
    /// The key the figures put on the x axis: the first swept key whose values are all numbers (<c>seed</c> only when
    /// no other key is numeric), or null (members are then plotted by index).
    /// </summary>
    public static string? XKey(SweepManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        // A seed is a poor x axis: another numeric key goes first when there is one.
        return manifest.Keys.OrderBy(k => k == "seed" ? 1 : 0)
            .FirstOrDefault(k => manifest.Members.All(m => m.Values.TryGetValue(k, out var v) && Number(v) is not null));
    }

    private static double? Number(string json) =>
        JsonNode.Parse(json) is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.GetValue<double>() : null;

    private static IReadOnlyList<PlotFile> WritePlots(SweepManifest manifest, string plotsDir)
    {
        Directory.CreateDirectory(plotsDir);
        var plots = new List<PlotFile>();
        var xKey = XKey(manifest);
        var done = manifest.Members.Where(m => m.Status == RunStatus.Finished).ToList();
        foreach (var metric in manifest.Metrics)
        {
            var rows = done.Select(m => (Member: m, Y: m.Metrics.TryGetValue(metric, out var v) ? v : null))
                .Where(r => r.Y is double y && double.IsFinite(y)).ToList();
            if (rows.Count == 0) continue;
            var log = IsLogMetric(metric) && rows.All(r => r.Y > 0);
            var title = $"{metric} against {xKey ?? "member"}";
            var plot = PlotCanvas.NewPlot(title, xKey ?? "member index", log ? metric + " (log scale)" : metric);
            var groups = rows
                .GroupBy(r => xKey is null ? "" : SweepSpec.Label(manifest.Keys.Where(k => k != xKey).Select(k => new KeyValuePair<string, string>(k, r.Member.Values[k]))))
                .ToList();
            var i = 0;
            foreach (var group in groups)
            {
                var points = group
                    .Select(r => (X: xKey is null ? manifest.Members.ToList().IndexOf(r.Member) : Number(r.Member.Values[xKey])!.Value, Y: r.Y!.Value))
                    .OrderBy(p => p.X).ToList();
                var color = PlotCanvas.StepColor(i++, groups.Count);
                ScottPlot.Plottables.Scatter? line;
                if (log)
                {
                    line = PlotCanvas.AddLogLine(plot, points, group.Key, color);
                }
                else
                {
                    line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
                    line.Color = color;
                    line.LineWidth = 2;
                    line.LegendText = group.Key;
                }

                if (line is null) continue;
                line.MarkerSize = 8;
                if (xKey is null) line.LineWidth = 0;
            }

            if (log) PlotCanvas.UseLogTicks(plot);
            // Ticks at the swept values (or member names) themselves, when there are few enough to read.
            var ticks = rows
                .Select(r => xKey is null
                    ? (X: (double)manifest.Members.ToList().IndexOf(r.Member), Label: r.Member.Name)
                    : (X: Number(r.Member.Values[xKey])!.Value, Label: SweepSpec.ValueLabel(r.Member.Values[xKey])))
                .DistinctBy(t => t.X).OrderBy(t => t.X).ToList();
            if (ticks.Count <= 12)
            {
                var manual = new ScottPlot.TickGenerators.NumericManual();
                foreach (var (x, label) in ticks) manual.AddMajor(x, label);
                plot.Axes.Bottom.TickGenerator = manual;
            }

            plot.Axes.Margins(0.08, 0.12);
            if (groups.Count > 1 && groups.Count <= 12) plot.ShowLegend(Edge.Bottom);
            else plot.HideLegend();
            plots.Add(PlotCanvas.Save(plot, plotsDir, "sweep-" + FileName(metric), title,
                $"{FileName(metric)} of each finished member against {xKey ?? "the member index"}"
                + (manifest.Keys.Count > 1 && xKey is not null && manifest.Mode == SweepModes.Grid ? "; one line per value of the other swept keys." : ".")));
        }

        return plots;
    }

    private static bool IsLogMetric(string metric) =>
        metric.Contains("loss", StringComparison.OrdinalIgnoreCase) || metric.Contains("error", StringComparison.OrdinalIgnoreCase)
        || metric.Contains("discrepancy", StringComparison.OrdinalIgnoreCase) || metric.Contains("energy", StringComparison.OrdinalIgnoreCase);

    private static string FileName(string metric) =>
        new([.. metric.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    private static string RenderHtml(SweepManifest manifest, string dir, IReadOnlyList<PlotFile> plots)
    {
        var finished = manifest.Members.Count(m => m.Status == RunStatus.Finished);
        var failed = manifest.Members.Count(m => m.Status == RunStatus.Failed);
        var complete = finished == manifest.Members.Count;
        var title = complete ? $"FreqScope sweep: {manifest.Name}" : $"FreqScope sweep: {manifest.Name} (UNFINISHED SWEEP)";
        var verdict = $"{finished} of {manifest.Members.Count} members finished"
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
