using FreqScope.Core.Config;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>
/// When and where error spectra are recorded: every <see cref="Every"/> steps, on the symmetric grid of
/// <see cref="Nodes"/> frequencies ξ evenly spaced over [−<see cref="MaxFrequency"/>, <see cref="MaxFrequency"/>] in
/// cycles per unit of x. The PDE is solved on the same nodes.
/// </summary>
public sealed record FourierProbeConfig : IConfigRules
{
    /// <summary>Most grid nodes.</summary>
    public const int MaxNodes = 20_001;

    /// <summary>Probe every this many steps, 1 to the training steps. Default 10.</summary>
    public long Every { get; init; } = 10;

    /// <summary>Ξ &gt; 0, the grid's half-width in cycles per unit of x. Default 2.</summary>
    [Range(0, MinExclusive = true, Note = " (cycles per unit of x)")]
    public double MaxFrequency { get; init; } = 2;

    /// <summary>Number of grid nodes, odd (ξ = 0 is a node), 11 to 20 001. Default 801.</summary>
    public int Nodes { get; init; } = 801;

    /// <summary>A target peak has converged when its relative error falls below ε, in (0, 1). Default 0.05.</summary>
    [Range(0, 1, MinExclusive = true, MaxExclusive = true)]
    public double Epsilon { get; init; } = 0.05;

    /// <summary>Peaks are local maxima of |ŷ(ξ)|, ξ &gt; 0, at least this fraction of the largest, in [0, 1]. Default 0.3.</summary>
    [Range(0, 1)]
    public double PeakThreshold { get; init; } = 0.3;

    /// <summary>The grid's nodes ξ_i = −Ξ + 2Ξ i / (Nodes − 1).</summary>
    public double[] Frequencies()
    {
        var xi = new double[Nodes];
        int half = Nodes / 2;
        for (int i = 0; i < Nodes; i++) xi[i] = MaxFrequency * (i - half) / half;
        return xi;
    }

    /// <summary>The grid has an odd number of nodes, ξ = 0 in the middle.</summary>
    public void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Optional("nodes") is { } nodes && (Nodes is < 11 or > MaxNodes || Nodes % 2 == 0))
            throw nodes.OutOfRange($"an odd integer between 11 and {MaxNodes} (ξ = 0 is the middle node)");
    }
}
