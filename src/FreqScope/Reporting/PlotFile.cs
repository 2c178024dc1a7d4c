namespace FreqScope.Reporting;

/// <summary>One figure written by <see cref="FitPlots"/>, <see cref="ClassifyPlots"/> or <see cref="PoissonPlots"/>.</summary>
/// <param name="Name">The base file name, e.g. <c>fit</c>.</param>
/// <param name="Title">The figure title.</param>
/// <param name="PngPath">Full path of the PNG.</param>
/// <param name="SvgPath">Full path of the SVG.</param>
/// <param name="Width">The PNG's width in pixels (900 for a single plot; wider for a figure of side-by-side panels).</param>
/// <param name="Height">The PNG's height in pixels (560).</param>
public sealed record PlotFile(string Name, string Title, string PngPath, string SvgPath, int Width = FitPlots.Width, int Height = FitPlots.Height);
