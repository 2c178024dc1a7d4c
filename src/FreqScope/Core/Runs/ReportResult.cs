namespace FreqScope.Core.Runs;

/// <summary>What a report wrote: <c>report.html</c> and the figures under <c>plots/</c>.</summary>
/// <param name="ReportPath">Full path of <c>report.html</c>.</param>
/// <param name="PlotsDirectory">Full path of the <c>plots</c> folder.</param>
/// <param name="Plots">The figures written (PNG, SVG and PDF paths), in report order.</param>
/// <param name="Finished">Whether the manifest says the run finished (false: the report carries the unfinished banner).</param>
public sealed record ReportResult(string ReportPath, string PlotsDirectory, IReadOnlyList<PlotFile> Plots, bool Finished)
{
    /// <summary>Every file written: the report, then each figure's PNG, SVG and PDF.</summary>
    public IEnumerable<string> AllPaths => new[] { ReportPath }.Concat(Plots.SelectMany(p => new[] { p.PngPath, p.SvgPath, p.PdfPath }));
}
