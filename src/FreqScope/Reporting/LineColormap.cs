using ScottPlot;

namespace FreqScope.Reporting;

/// <summary>
/// Viridis without its light yellow end (positions 0 to 0.85, as <see cref="PlotCanvas.StepColor"/> uses it), so that
/// every line drawn from it stays visible on white and a colour bar of it shows exactly the colours of the lines.
/// </summary>
internal sealed class LineColormap : IColormap
{
    /// <summary>How far along viridis the last line colour lies.</summary>
    public const double End = 0.85;

    private readonly ScottPlot.Colormaps.Viridis _viridis = new();

    /// <inheritdoc/>
    public string Name => "viridis (lines)";

    /// <inheritdoc/>
    public Color GetColor(double position) => _viridis.GetColor(End * Math.Clamp(position, 0, 1));

    /// <inheritdoc/>
    public Color GetColor(double position, ScottPlot.Range range) =>
        GetColor(range.Max == range.Min ? 0 : (position - range.Min) / (range.Max - range.Min));
}
