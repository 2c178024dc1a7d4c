using FreqScope.Solvers;

namespace FreqScope.Tests.Solvers;

/// <summary>
/// Independent reference computations for the solver tests: O(n²) sine sums, the dense five-point matrix built from its
/// definition, Gaussian elimination with partial pivoting, sampled sine modes and observed convergence orders.
/// </summary>
internal static class SolverReference
{
    /// <summary>c_k = (2/n) Σ_i v_i sin(πki/n), n = m + 1, by the direct sum; the angle uses ki mod 2n.</summary>
    public static double[] NaiveDst(IReadOnlyList<double> v)
    {
        var m = v.Count;
        var n = m + 1;
        var c = new double[m];
        for (var k = 1; k <= m; k++)
        {
            var sum = 0.0;
            for (var i = 1; i <= m; i++)
            {
                sum += v[i - 1] * SinPiFraction(k * i, n);
            }

            c[k - 1] = 2.0 * sum / n;
        }

        return c;
    }

    /// <summary>v_i = Σ_k c_k sin(πki/n) by the direct sum.</summary>
    public static double[] NaiveInverseDst(IReadOnlyList<double> c)
    {
        var m = c.Count;
        var n = m + 1;
        var v = new double[m];
        for (var i = 1; i <= m; i++)
        {
            var sum = 0.0;
            for (var k = 1; k <= m; k++)
            {
                sum += c[k - 1] * SinPiFraction(k * i, n);
            }

            v[i - 1] = sum;
        }

        return v;
    }

    /// <summary>c_kl = (2/n)² Σ_{i,j} v_ij sin(πki/n) sin(πlj/n) by the quadruple sum (layout (i−1)m + (j−1)).</summary>
    public static double[] NaiveDst2D(double[] v, int m)
    {
        var n = m + 1;
        var c = new double[m * m];
        for (var k = 1; k <= m; k++)
        {
            for (var l = 1; l <= m; l++)
            {
                var sum = 0.0;
                for (var i = 1; i <= m; i++)
                {
                    for (var j = 1; j <= m; j++)
                    {
                        sum += v[((i - 1) * m) + j - 1] * SinPiFraction(k * i, n) * SinPiFraction(l * j, n);
                    }
                }

                c[((k - 1) * m) + l - 1] = 4.0 * sum / ((double)n * n);
            }
        }

        return c;
    }

    /// <summary>sin(π·p/n) with p reduced mod 2n first.</summary>
    public static double SinPiFraction(long p, int n) => Math.Sin(Math.PI * (p % (2L * n)) / n);

    /// <summary>The 1-D sine mode s_k(i) = sin(kπ i/n) at the interior nodes.</summary>
    public static double[] Mode(PoissonGrid grid, int k)
    {
        var m = grid.PointsPerAxis;
        var s = new double[m];
        for (var i = 1; i <= m; i++)
        {
            s[i - 1] = SinPiFraction((long)k * i, grid.Intervals);
        }

        return s;
    }

    /// <summary>The 2-D sine mode sin(kπ i/n)·sin(lπ j/n) in the flat layout.</summary>
    public static double[] Mode(PoissonGrid grid, int k, int l)
    {
        var m = grid.PointsPerAxis;
        var s = new double[m * m];
        for (var i = 1; i <= m; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                s[((i - 1) * m) + j - 1] = SinPiFraction((long)k * i, grid.Intervals) * SinPiFraction((long)l * j, grid.Intervals);
            }
        }

        return s;
    }

    /// <summary>The matrix of −Δ_h written out from the stencil definition (not via DiscreteLaplacian).</summary>
    public static double[,] DenseLaplacian(PoissonGrid grid)
    {
        var m = grid.PointsPerAxis;
        var size = grid.Unknowns;
        var a = new double[size, size];
        var scale = 1.0 / (grid.Spacing * grid.Spacing);
        if (grid.Dimension == 1)
        {
            for (var i = 0; i < m; i++)
            {
                a[i, i] = 2 * scale;
                if (i > 0) a[i, i - 1] = -scale;
                if (i < m - 1) a[i, i + 1] = -scale;
            }

            return a;
        }

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var p = (i * m) + j;
                a[p, p] = 4 * scale;
                if (i > 0) a[p, p - m] = -scale;
                if (i < m - 1) a[p, p + m] = -scale;
                if (j > 0) a[p, p - 1] = -scale;
                if (j < m - 1) a[p, p + 1] = -scale;
            }
        }

        return a;
    }

    /// <summary>Solves A x = b by Gaussian elimination with partial pivoting (A and b are copied).</summary>
    public static double[] GaussianElimination(double[,] matrix, IReadOnlyList<double> rhs)
    {
        var n = rhs.Count;
        var a = (double[,])matrix.Clone();
        var b = rhs.ToArray();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            }

            if (pivot != col)
            {
                for (var c = 0; c < n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }

            for (var r = col + 1; r < n; r++)
            {
                var f = a[r, col] / a[col, col];
                if (f == 0) continue;
                for (var c = col; c < n; c++) a[r, c] -= f * a[col, c];
                b[r] -= f * b[col];
            }
        }

        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var s = b[r];
            for (var c = r + 1; c < n; c++) s -= a[r, c] * x[c];
            x[r] = s / a[r, r];
        }

        return x;
    }

    /// <summary>Uniform values in [−1, 1).</summary>
    public static double[] RandomVector(int length, int seed)
    {
        var random = new Random(seed);
        var v = new double[length];
        for (var i = 0; i < length; i++) v[i] = (2 * random.NextDouble()) - 1;
        return v;
    }

    public static double MaxAbs(IReadOnlyList<double> v)
    {
        var max = 0.0;
        foreach (var x in v) max = Math.Max(max, Math.Abs(x));
        return max;
    }

    public static double MaxAbsDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Assert.Equal(a.Count, b.Count);
        var max = 0.0;
        for (var i = 0; i < a.Count; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    public static double[] Subtract(ReadOnlySpan<double> a, IReadOnlyList<double> b)
    {
        var d = new double[a.Length];
        for (var i = 0; i < a.Length; i++) d[i] = a[i] - b[i];
        return d;
    }

    /// <summary>Observed orders log2(err(n)/err(2n)) for consecutive errors at doubling n.</summary>
    public static double[] Orders(IReadOnlyList<double> errors)
    {
        var orders = new double[errors.Count - 1];
        for (var i = 0; i < orders.Length; i++) orders[i] = Math.Log2(errors[i] / errors[i + 1]);
        return orders;
    }

    /// <summary>Asserts every observed order is within <paramref name="slack"/> of 2.</summary>
    public static void AssertSecondOrder(IReadOnlyList<double> errors, double slack = 0.05)
    {
        var orders = Orders(errors);
        foreach (var order in orders)
        {
            Assert.True(Math.Abs(order - 2) <= slack, $"orders {string.Join(", ", orders.Select(o => o.ToString("F4")))}; errors {string.Join(", ", errors.Select(e => e.ToString("E3")))}");
        }
    }
}
