using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;

namespace FreqScope.Reporting;

/// <summary>
/// The HTML pieces every run report shares: the style sheet, escaping, number formatting, the document head, the
/// unfinished-run banner, the facts table, embedded figures, the pretty-printed configuration and the footer.
/// </summary>
public static class ReportHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions PrettyJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // the text is HTML-escaped afterwards
    };

    /// <summary>The facts every report lists from the manifest: wall time, device, seed, times, versions, loading path, commit, smoke, resumes and the error of a failed run.</summary>
    public static IEnumerable<(string Key, string Value)> RunFacts(ManifestView m)
    {
        yield return ("wall time", m.WallSeconds is double w ? w.ToString("0.0", Invariant) + " s" : "n/a (not ended)");
        yield return ("device", m.Device ?? "n/a");
        yield return ("seed", m.Seed?.ToString(Invariant) ?? "n/a");
        yield return ("started", m.StartedAt ?? "n/a");
        yield return ("ended", m.EndedAt ?? "n/a");
        yield return ("FreqScope", m.FreqScopeVersion ?? "n/a");
        yield return ("TorchSharp", m.TorchSharpVersion ?? "n/a");
        yield return ("libtorch", m.LibtorchVersion ?? "n/a");
        yield return ("native load path", m.NativeLoadPath ?? "n/a");
        yield return ("git commit", m.GitCommit ?? "n/a");
        yield return ("smoke run", m.Smoke ? "yes" : "no");
        yield return ("resumed from step", m.ResumedFrom.Count == 0 ? "never" : string.Join(", ", m.ResumedFrom.Select(x => x.ToString(Invariant))));
        if (m.Error is not null) yield return ("error", m.Error);
    }

    /// <summary>The verdict line of a finished run folder without summary.json.</summary>
    public const string MissingSummaryVerdict = "No verdict: summary.json is missing from this run folder.";

    /// <summary>The banner text of an unfinished run: <c>UNFINISHED RUN (status: STATUS, PROGRESS)</c>, e.g. PROGRESS <c>500 of 12000 steps</c>.</summary>
    public static string UnfinishedBanner(string status, string progress) => status == RunStatus.Diverged
        ? $"DIVERGED RUN: training stopped at a loss that is not a finite number ({progress}); the figures show the run up to then"
        : $"UNFINISHED RUN (status: {status}, {progress})";

    /// <summary>HTML-escapes <paramref name="text"/>.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A value to four significant digits (<c>inf</c>/<c>nan</c> spelled as in the CSV files), or <c>n/a</c>.</summary>
    public static string Number(double? value) => value is double v
        ? (double.IsFinite(v) ? v.ToString("G4", Invariant) : CsvFormat.FormatDouble(v))
        : "n/a";

    /// <summary>The report title: <c>FreqScope report: NAME</c>, with <c>(UNFINISHED RUN, STATUS)</c> appended for an unfinished run.</summary>
    public static string Title(string name, bool finished, string status) => finished
        ? $"FreqScope report: {name}"
        : $"FreqScope report: {name} (UNFINISHED RUN, {status})";

    /// <summary>Opens the document: doctype, head with <paramref name="title"/> and the style sheet, and the body tag.</summary>
    public static void AppendHead(StringBuilder html, string title)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
    }

    /// <summary>
    /// Writes every figure of a read run into <c>RUN_DIR/plots/</c>, then its report.html atomically: the one
    /// <c>Build</c> every report shares.
    /// </summary>
    public static ReportResult Write<TRun>(TRun run, string runDirectory, bool finished,
        Func<TRun, string, IReadOnlyList<PlotFile>> writePlots, Func<TRun, IReadOnlyList<PlotFile>, string> render)
    {
        string plotsDir = Path.Combine(runDirectory, RunFolder.PlotsFolder);
        IReadOnlyList<PlotFile> plots = writePlots(run, plotsDir);
        string reportPath = Path.Combine(runDirectory, RunFolder.ReportFile);
        AtomicFile.WriteAllText(reportPath, render(run, plots));
        return new ReportResult(reportPath, plotsDir, plots, finished);
    }

    /// <summary>
    /// Starts a report: the head, the UNFINISHED RUN banner when <paramref name="banner"/> is given, the verdict line
    /// and the title heading.
    /// </summary>
    public static StringBuilder Open(string title, string? banner, string verdict)
    {
        StringBuilder html = new();
        AppendHead(html, title);
        if (banner is not null)
        {
            AppendBanner(html, banner);
        }

        AppendVerdict(html, verdict);
        html.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        return html;
    }

    /// <summary>
    /// Starts a report as <see cref="Open(string, string?, string)"/> does, with the verdict led by what kind of run
    /// it was (<see cref="Lead"/>), so that a smoke or diverged run says so in its first sentence; a run whose
    /// manifest says <c>running</c> gets the <see cref="RunningBanner"/> instead of <paramref name="banner"/>.
    /// </summary>
    public static StringBuilder Open(string title, string? banner, string verdict, ManifestView manifest, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Status == RunStatus.Running) banner = RunningBanner(runDirectory, banner);
        return Open(title, banner, Lead(manifest) + verdict);
    }

    /// <summary>
    /// The banner of a folder whose manifest says <c>running</c>: <c>RUNNING: data up to step N so far (process P on
    /// HOST is writing it) …</c> while a live process holds its lock; otherwise it says that no process holds it (the
    /// run was stopped without ending) after the kind's own <paramref name="unfinished"/> banner, and how to resume. N is
    /// the furthest step (or epoch) in its tables
    /// (<see cref="LiveRun.LastRecorded"/>), newer than the manifest's count, which moves only at checkpoints.
    /// </summary>
    public static string RunningBanner(string runDirectory, string? unfinished = null)
    {
        var last = LiveRun.LastRecorded(runDirectory);
        string upTo = last is { } l ? string.Create(Invariant, $"data up to {l.Unit} {l.Value}") : "no data rows yet";
        if (LiveRun.Holder(runDirectory) is { } holder)
            return string.Create(Invariant, $"RUNNING: {upTo} so far (process {holder.Pid} on {holder.Host} is writing this folder); the figures show the rows written so far; follow it with freqscope watch {runDirectory}");
        string dead = $"no process holds the folder, so the run was stopped without ending ({upTo}); continue it with freqscope run --resume {runDirectory}";
        return unfinished is { Length: > 0 } u && u.EndsWith(')')
            ? $"{u[..^1]}): {dead}"
            : $"UNFINISHED RUN (status: running): {dead}";
    }

    /// <summary>The words that lead a smoke run's verdict.</summary>
    public const string SmokeLead = "Smoke run: shortened settings that check the pipeline, not a measurement. ";

    /// <summary>
    /// What leads a run's verdict: <see cref="SmokeLead"/> for a smoke run, then "Diverged run (ERROR). " for a diverged
    /// one; empty for a full run (an unfinished run's verdict says so itself, under its banner).
    /// </summary>
    public static string Lead(ManifestView manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        string lead = manifest.Smoke ? SmokeLead : string.Empty;
        if (manifest.Status == RunStatus.Diverged)
        {
            lead += manifest.Error is { Length: > 0 } error ? $"Diverged run ({error.TrimEnd('.')}). " : "Diverged run. ";
        }

        return lead;
    }

    /// <summary>The red banner of an unfinished run.</summary>
    public static void AppendBanner(StringBuilder html, string text) =>
        html.Append("<div class=\"banner\" id=\"unfinished\">").Append(Encode(text)).Append("</div>\n");

    /// <summary>The verdict paragraph.</summary>
    public static void AppendVerdict(StringBuilder html, string text) =>
        html.Append("<p class=\"verdict\" id=\"verdict\">").Append(Encode(text)).Append("</p>\n");

    /// <summary>A "Facts" section: a two-column table of key and value.</summary>
    public static void AppendFacts(StringBuilder html, IEnumerable<(string Key, string Value)> facts)
    {
        html.Append("<h2>Facts</h2>\n");
        AppendKeyValues(html, null, facts);
    }

    /// <summary>A two-column table (class <c>facts</c>) of key and value, both HTML-encoded.</summary>
    /// <param name="html">The document.</param>
    /// <param name="id">The table's id attribute; null for none.</param>
    /// <param name="rows">The keys and values, in order.</param>
    public static void AppendKeyValues(StringBuilder html, string? id, IEnumerable<(string Key, string Value)> rows)
    {
        AppendTableStart(html, "facts", id);
        foreach ((string key, string value) in rows)
        {
            html.Append("<tr><th>").Append(Encode(key)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>
    /// A table (class <c>peaks</c>: numbers right-aligned) with a header row and one row per entry of
    /// <paramref name="rows"/>; the cells are HTML-encoded, the headings are written as they are.
    /// </summary>
    /// <param name="html">The document.</param>
    /// <param name="id">The table's id attribute; null for none.</param>
    /// <param name="headers">The column headings, as HTML (so <c>&amp;lt;</c> for &lt;; pass a value through <see cref="Encode"/>).</param>
    /// <param name="rows">The cells of each row, as many as there are headings.</param>
    /// <exception cref="ArgumentException">A row has another number of cells than there are headings.</exception>
    public static void AppendTable(StringBuilder html, string? id, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        AppendTableStart(html, "peaks", id);
        html.Append("<tr>");
        foreach (string header in headers) html.Append("<th>").Append(header).Append("</th>");
        html.Append("</tr>\n");
        foreach (IReadOnlyList<string> row in rows)
        {
            if (row.Count != headers.Count)
                throw new ArgumentException($"a row of {row.Count} cells in a table of {headers.Count} columns", nameof(rows));
            html.Append("<tr>");
            foreach (string cell in row) html.Append("<td>").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void AppendTableStart(StringBuilder html, string cssClass, string? id)
    {
        html.Append("<table class=\"").Append(cssClass).Append('"');
        if (id is not null) html.Append(" id=\"").Append(Encode(id)).Append('"');
        html.Append(">\n");
    }

    /// <summary>
    /// A "Figures" section: each figure's PNG embedded as a base64 data URI, with its numbered
    /// <see cref="PlotFile.Caption"/> and links to its SVG and PDF in <c>plots/</c>; <paramref name="none"/> is shown when
    /// there are no figures.
    /// </summary>
    public static void AppendFigures(StringBuilder html, IReadOnlyList<PlotFile> plots, string none)
    {
        html.Append("<h2>Figures</h2>\n");
        int number = 1;
        foreach (PlotFile plot in plots)
        {
            string base64 = Convert.ToBase64String(File.ReadAllBytes(plot.PngPath));
            html.Append("<figure id=\"fig-").Append(Encode(plot.Name)).Append("\">\n")
                .Append("<img width=\"").Append(plot.Width.ToString(Invariant))
                .Append("\" height=\"").Append(plot.Height.ToString(Invariant))
                .Append("\" alt=\"").Append(Encode(plot.Title))
                .Append("\" src=\"data:image/png;base64,").Append(base64).Append("\">\n")
                .Append("<figcaption><b>Figure ").Append(number.ToString(Invariant)).Append(".</b> ")
                .Append(Encode(plot.Caption))
                .Append(" (<a href=\"").Append(RunFolder.PlotsFolder).Append('/').Append(Encode(Path.GetFileName(plot.SvgPath)))
                .Append("\">SVG</a>, <a href=\"").Append(RunFolder.PlotsFolder).Append('/').Append(Encode(Path.GetFileName(plot.PdfPath)))
                .Append("\">PDF</a>)</figcaption>\n</figure>\n");
            number++;
        }

        if (plots.Count == 0)
        {
            html.Append("<p>").Append(Encode(none)).Append("</p>\n");
        }
    }

    /// <summary>Closes the document: the pretty-printed config.json, the footer and the closing tags.</summary>
    public static void AppendConfigAndEnd(StringBuilder html, string configJson, string runDirectory)
    {
        html.Append("<h2>Configuration (config.json)</h2>\n<pre class=\"config\">")
            .Append(Encode(PrettyConfig(configJson)))
            .Append("</pre>\n");
        html.Append("<p class=\"footer\">Generated by FreqScope ")
            .Append(Encode(typeof(ReportHtml).Assembly.GetName().Version?.ToString(3) ?? "?"))
            .Append(" from the data files in ").Append(Encode(runDirectory)).Append(".</p>\n");
        html.Append("</body>\n</html>\n");
    }

    /// <summary>config.json indented by two spaces, or the text as is when it does not parse.</summary>
    public static string PrettyConfig(string configJson)
    {
        try
        {
            JsonNode? node = JsonNode.Parse(configJson);
            return node?.ToJsonString(PrettyJson) ?? configJson;
        }
        catch (JsonException)
        {
            return configJson;
        }
    }

    /// <summary>The style sheet.</summary>
    public const string Css = """
        body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; max-width: 960px; margin: 1.5em auto; padding: 0 1em; color: #222; }
        .banner { background: #b00020; color: #fff; font-size: 1.6em; font-weight: bold; padding: 0.6em 0.8em; border-radius: 4px; margin-bottom: 0.8em; }
        .verdict { font-size: 1.3em; font-weight: bold; border-left: 6px solid #1f5fa8; padding: 0.4em 0.8em; background: #eef4fb; }
        h1 { font-size: 1.5em; }
        h2 { font-size: 1.2em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.6em; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
        table.peaks td { text-align: right; }
        .facts th { background: #f4f4f4; font-weight: normal; }
        .note { color: #8a4b00; }
        figure { margin: 1.2em 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
        figcaption { font-size: 0.95em; color: #333; margin-top: 0.3em; }
        pre.config { background: #f7f7f7; border: 1px solid #ddd; padding: 0.8em; overflow-x: auto; font-size: 0.9em; }
        .footer { color: #777; font-size: 0.85em; margin-top: 2em; }

        """;
}
