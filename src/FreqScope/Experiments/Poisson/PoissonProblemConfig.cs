using System.Text.Json.Serialization;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Solvers;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// −Δu = g with u = 0 on the boundary, on the interval <see cref="Domain"/> (dimension 1) or the square Domain²
/// (dimension 2), discretised by central differences on <see cref="Intervals"/> intervals per axis.
/// </summary>
public sealed record PoissonProblemConfig : IConfigJsonRules
{
    /// <summary>Most intervals of a 1-D grid.</summary>
    public const int MaxIntervals1D = 1_000_000;

    /// <summary>Most intervals per axis of a 2-D grid.</summary>
    public const int MaxIntervals2D = 4096;

    /// <summary>1 or 2. Default 1.</summary>
    [Range(1, 2, Expected = "1 or 2")]
    public int Dimension { get; init; } = 1;

    /// <summary>The interval (each axis of the square). Default [−1, 1] in 1-D, [0, 1] in 2-D.</summary>
    public Interval Domain { get; init; } = new(-1, 1);

    /// <summary>Grid intervals n per axis (n − 1 unknowns per axis): 4 to 1 000 000 in 1-D, 4 to 4096 in 2-D.</summary>
    public required int Intervals { get; init; }

    /// <summary>The source g.</summary>
    public required PoissonSourceConfig Source { get; init; }

    /// <summary>Left end of the interval (each axis).</summary>
    public double Min => Domain.Min;

    /// <summary>Right end of the interval (each axis).</summary>
    public double Max => Domain.Max;

    /// <summary>The rules that follow the dimension: the grid's size, the source kind, its terms and its formula.</summary>
    public static void CheckJson(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        int dimension = node.Optional("dimension")?.GetInt32() ?? 1;
        int most = dimension == 1 ? MaxIntervals1D : MaxIntervals2D;
        var intervalsNode = node.Required("intervals");
        int intervals = intervalsNode.GetInt32();
        if (intervals < 4 || intervals > most) throw intervalsNode.OutOfRange($"an integer between 4 and {most} (intervals per axis in {dimension}-D)");
        var source = node.Required("source");
        var kindNode = source.Required("kind");
        switch (kindNode.GetEnum<PoissonSourceKind>())
        {
            case PoissonSourceKind.Sines:
                if (dimension != 1) throw kindNode.Error($"\"sines\" is a 1-D source; in {dimension}-D use \"modes\" or \"expression\"");
                foreach (var term in source.Required("terms").Items())
                    if (!(term.Required("frequency").GetDouble() > 0)) throw term.Required("frequency").OutOfRange("a number > 0 (radians per unit length)");
                break;
            case PoissonSourceKind.Modes:
                if (dimension != 2) throw kindNode.Error("\"modes\" is a 2-D source; in 1-D use \"sines\" or \"expression\"");
                string expected = $"an integer between 1 and intervals − 1 = {intervals - 1}";
                foreach (var mode in source.Required("modes").Items())
                {
                    foreach (var key in new[] { "m", "n" })
                    {
                        var index = mode.Required(key);
                        int value = index.GetInt32();
                        if (value < 1 || value >= intervals) throw index.OutOfRange(expected);
                    }
                }

                break;
            default:
                var exprNode = source.Required("expression");
                var text = exprNode.GetString();
                try
                {
                    SourceExpression.Parse(text, dimension == 1 ? ["x"] : ["x", "y"]);
                }
                catch (ExpressionException e)
                {
                    throw exprNode.Error($"\"{text}\" is not a valid formula: {e.Message}");
                }

                break;
        }
    }
}
