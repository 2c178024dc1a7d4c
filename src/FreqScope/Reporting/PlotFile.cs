namespace FreqScope.Reporting;

/// <summary>One figure written by <see cref="FitPlots"/> or <see cref="ClassifyPlots"/>.</summary>
/// <param name="Name">The base file name, e.g. <c>fit</c>.</param>
/// <param name="Title">The figure title.</param>
/// <param name="PngPath">Full path of the PNG (900×560).</param>
/// <param name="SvgPath">Full path of the SVG.</param>
public sealed record PlotFile(string Name, string Title, string PngPath, string SvgPath);
