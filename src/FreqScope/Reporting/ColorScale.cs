using ScottPlot;

namespace FreqScope.Reporting;

/// <summary>
/// A colour axis with no plottable behind it, so that a colour bar can explain the colours of lines drawn one by one
/// (members of a sweep coloured by their swept value).
/// </summary>
/// <param name="colormap">The colour map the lines take their colours from.</param>
/// <param name="range">The values at the two ends of <paramref name="colormap"/>.</param>
internal sealed class ColorScale(IColormap colormap, ScottPlot.Range range) : IHasColorAxis
{
    /// <inheritdoc/>
    public IColormap Colormap { get; } = colormap;

    /// <inheritdoc/>
    public ScottPlot.Range GetRange() => range;
}
