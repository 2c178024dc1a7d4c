using System.Globalization;

namespace FreqScope.Solvers;

/// <summary>
/// Uniform finite-difference grid for the Poisson problem <c>−Δu = g</c> with zero Dirichlet boundary values, on the
/// interval [<see cref="Min"/>, <see cref="Max"/>] (<see cref="Dimension"/> 1) or the square [Min, Max]² (Dimension 2).
/// </summary>
/// <remarks>
/// <para>
/// Each axis is cut into n = <see cref="Intervals"/> intervals of length h = <see cref="Spacing"/> = (Max − Min)/n.
/// The unknowns sit at the interior nodes x_i = Min + i·h, i = 1..n−1 (<see cref="AxisNodes"/>); the boundary nodes
/// i = 0 and i = n carry the value 0 and are not stored.
/// </para>
/// <para>
/// Storage convention for grid vectors: 1-D, node x_i at index i − 1 (length n − 1); 2-D, flat row-major with the
/// y index fastest, node (x_i, y_j) at index (i − 1)·(n − 1) + (j − 1) (length (n − 1)², see <see cref="Index"/>).
/// Every type in <c>FreqScope.Solvers</c> uses this layout.
/// </para>
/// <para>
/// The properties are get-only, so a <c>with</c> expression cannot bypass the constructor's checks.
/// </para>
/// </remarks>
public sealed record PoissonGrid(int Dimension, double Min, double Max, int Intervals)
{
    /// <summary>1 (interval) or 2 (square).</summary>
    public int Dimension { get; } = Dimension is 1 or 2
        ? Dimension
        : throw new ArgumentOutOfRangeException(nameof(Dimension), Dimension, $"The dimension must be 1 or 2, got {Dimension}.");

    /// <summary>Left end of the interval (lower-left corner coordinate of the square); finite.</summary>
    public double Min { get; } = double.IsFinite(Min)
        ? Min
        : throw new ArgumentOutOfRangeException(nameof(Min), Min, $"Min must be finite, got {Format(Min)}.");

    /// <summary>Right end of the interval (upper-right corner coordinate of the square); finite, &gt; <see cref="Min"/>.</summary>
    public double Max { get; } = CheckMax(Min, Max);

    /// <summary>Number n ≥ 2 of intervals along each axis.</summary>
    public int Intervals { get; } = Intervals >= 2
        ? Intervals
        : throw new ArgumentOutOfRangeException(nameof(Intervals), Intervals, $"The number of intervals must be >= 2, got {Intervals}.");

    /// <summary>Side length L = Max − Min.</summary>
    public double Length => Max - Min;

    /// <summary>Mesh width h = L/n.</summary>
    public double Spacing => Length / Intervals;

    /// <summary>Number of interior nodes along one axis, n − 1.</summary>
    public int PointsPerAxis => Intervals - 1;

    /// <summary>Number of unknowns: n − 1 in 1-D, (n − 1)² in 2-D.</summary>
    public int Unknowns => Dimension == 1 ? PointsPerAxis : PointsPerAxis * PointsPerAxis;

    /// <summary>The n − 1 interior coordinates x_i = Min + i·h, i = 1..n−1, ascending.</summary>
    public double[] AxisNodes()
    {
        var h = Spacing;
        var nodes = new double[PointsPerAxis];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = Min + ((i + 1) * h);
        }

        return nodes;
    }

    /// <summary>
    /// The 2-D interior nodes as two flat arrays of length (n − 1)² in the storage layout: entry (i − 1)·(n − 1) + (j − 1)
    /// holds (x_i, y_j) with x_i = Min + i·h, y_j = Min + j·h.
    /// </summary>
    /// <exception cref="InvalidOperationException">The grid is 1-D.</exception>
    public (double[] X, double[] Y) Nodes2D()
    {
        RequireDimension(2);
        var axis = AxisNodes();
        var m = axis.Length;
        var x = new double[m * m];
        var y = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                x[(i * m) + j] = axis[i];
                y[(i * m) + j] = axis[j];
            }
        }

        return (x, y);
    }

    /// <summary>Flat index of the 2-D node (x_i, y_j), 1 ≤ i, j ≤ n − 1: (i − 1)·(n − 1) + (j − 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">i or j outside 1..n−1.</exception>
    public int Index(int i, int j)
    {
        CheckNode(i, nameof(i));
        CheckNode(j, nameof(j));
        return ((i - 1) * PointsPerAxis) + (j - 1);
    }

    /// <summary>Samples a 1-D function at the interior nodes: entry i − 1 is f(x_i).</summary>
    /// <exception cref="InvalidOperationException">The grid is 2-D.</exception>
    public double[] Sample(Func<double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        RequireDimension(1);
        var nodes = AxisNodes();
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = f(nodes[i]);
        }

        return nodes;
    }

    /// <summary>Samples a 2-D function at the interior nodes in the storage layout: entry (i − 1)·(n − 1) + (j − 1) is f(x_i, y_j).</summary>
    /// <exception cref="InvalidOperationException">The grid is 1-D.</exception>
    public double[] Sample(Func<double, double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        RequireDimension(2);
        var axis = AxisNodes();
        var m = axis.Length;
        var values = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                values[(i * m) + j] = f(axis[i], axis[j]);
            }
        }

        return values;
    }

    /// <summary>Throws unless the grid has the given dimension (used by the 1-D-only and 2-D-only operations).</summary>
    internal void RequireDimension(int dimension)
    {
        if (Dimension != dimension)
        {
            throw new InvalidOperationException($"This operation needs a {dimension}-D grid; the grid is {Dimension}-D.");
        }
    }

    /// <summary>Throws unless <paramref name="length"/> equals <see cref="Unknowns"/>.</summary>
    internal void RequireUnknowns(int length, string name)
    {
        if (length != Unknowns)
        {
            throw new ArgumentException($"The vector has length {length}; the {Dimension}-D grid with {Intervals} intervals has {Unknowns} unknowns.", name);
        }
    }

    /// <summary>Throws unless 1 ≤ <paramref name="k"/> ≤ n − 1 (a sine mode the grid resolves).</summary>
    internal void CheckMode(int k, string name)
    {
        if (k < 1 || k > PointsPerAxis)
        {
            throw new ArgumentOutOfRangeException(name, k, $"The mode index must be in 1..{PointsPerAxis} (n - 1 for n = {Intervals} intervals), got {k}.");
        }
    }

    private void CheckNode(int i, string name)
    {
        if (i < 1 || i > PointsPerAxis)
        {
            throw new ArgumentOutOfRangeException(name, i, $"The node index must be in 1..{PointsPerAxis}, got {i}.");
        }
    }

    private static double CheckMax(double min, double max)
    {
        if (!double.IsFinite(max))
        {
            throw new ArgumentOutOfRangeException(nameof(Max), max, $"Max must be finite, got {Format(max)}.");
        }

        if (!(max > min) || !double.IsFinite(max - min))
        {
            throw new ArgumentException($"Max ({Format(max)}) must be greater than Min ({Format(min)}) with a finite length Max - Min.", nameof(Max));
        }

        return max;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
