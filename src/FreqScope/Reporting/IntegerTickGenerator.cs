using ScottPlot;

namespace FreqScope.Reporting;

/// <summary>
/// Ticks for an axis of counts (steps, epochs, indices): ScottPlot's automatic ticks at integers only, without any
/// below <see cref="Minimum"/> (0: no negative step), so that no fractional or negative tick is labelled.
/// </summary>
internal sealed class IntegerTickGenerator : ITickGenerator
{
    private readonly ScottPlot.TickGenerators.NumericAutomatic _automatic = new() { IntegerTicksOnly = true };

    /// <summary>The least position labelled.</summary>
    public double Minimum { get; init; }

    /// <inheritdoc/>
    public Tick[] Ticks { get; set; } = [];

    /// <inheritdoc/>
    public int MaxTickCount
    {
        get => _automatic.MaxTickCount;
        set => _automatic.MaxTickCount = value;
    }

    /// <inheritdoc/>
    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        _automatic.Regenerate(range, edge, size, paint, labelStyle);
        Ticks = Keep(_automatic.Ticks, Minimum);
    }

    /// <summary>The ticks of <paramref name="ticks"/> at integers not below <paramref name="minimum"/>.</summary>
    /// <param name="ticks">Candidate ticks.</param>
    /// <param name="minimum">The least position kept.</param>
    /// <returns>The ticks kept, in order, each at its integer exactly (the automatic positions carry rounding noise).</returns>
    public static Tick[] Keep(IEnumerable<Tick> ticks, double minimum) =>
        [.. ticks
            .Where(t => t.Position >= minimum - 1e-9 && Math.Abs(t.Position - Math.Round(t.Position)) < 1e-9)
            .Select(t => new Tick(Math.Round(t.Position), t.Label, t.IsMajor))];
}
