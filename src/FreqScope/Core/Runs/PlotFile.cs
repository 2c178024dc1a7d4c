namespace FreqScope.Core.Runs;

/// <summary>One figure of a run's report, written as PNG and SVG into the run folder's <c>plots/</c>.</summary>
/// <param name="Name">The base file name, e.g. <c>fit</c>.</param>
/// <param name="Title">The figure title.</param>
/// <param name="Caption">The report's caption of the figure: what it shows, its units and how to read it.</param>
/// <param name="PngPath">Full path of the PNG.</param>
/// <param name="SvgPath">Full path of the SVG.</param>
/// <param name="Width">The PNG's width in pixels (900 for a single plot; wider for a figure of side-by-side panels).</param>
/// <param name="Height">The PNG's height in pixels (560).</param>
public sealed record PlotFile(string Name, string Title, string Caption, string PngPath, string SvgPath, int Width = 900, int Height = 560);
