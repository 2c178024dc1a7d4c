namespace FreqScope.Core.Runs;

/// <summary>One figure of a run's report, written as PNG, SVG and PDF into the run folder's <c>plots/</c>.</summary>
/// <param name="Name">The base file name, e.g. <c>fit</c>.</param>
/// <param name="Title">The figure title.</param>
/// <param name="Caption">The report's caption of the figure: what it shows, its units and how to read it.</param>
/// <param name="PngPath">Full path of the PNG.</param>
/// <param name="SvgPath">Full path of the SVG.</param>
/// <param name="PdfPath">Full path of the PDF.</param>
/// <param name="Width">The figure's logical width (900 for a single plot; wider for a figure of side-by-side panels): the SVG's and PDF's width and the report's display width; the PNG has twice as many pixels along each side.</param>
/// <param name="Height">The figure's logical height (560); the PNG is twice as high.</param>
public sealed record PlotFile(string Name, string Title, string Caption, string PngPath, string SvgPath, string PdfPath, int Width = 900, int Height = 560);
