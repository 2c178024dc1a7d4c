namespace FreqScope.Models;

/// <summary>Nodes and weights of n-point Gauss–Legendre quadrature on [−1, 1] (Newton on P_n, double precision).</summary>
internal static class GaussLegendre
{
    private static readonly Lazy<(double[] Nodes, double[] Weights)> Ten = new(() => Rule(10));

    /// <summary>The 10-point rule (exact for polynomials of degree ≤ 19).</summary>
    public static (double[] Nodes, double[] Weights) TenPoint => Ten.Value;

    /// <summary>The n-point rule, nodes ascending.</summary>
    public static (double[] Nodes, double[] Weights) Rule(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Tricomi's initial guess for the i-th largest root, then Newton.
            var x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (var iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1, p1 = x;
                for (var k = 2; k <= n; k++)
                {
                    var p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }

                derivative = n * (x * p1 - p0) / (x * x - 1);
                var step = p1 / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-16)
                {
                    break;
                }
            }

            nodes[n - 1 - i] = x;
            weights[n - 1 - i] = 2 / ((1 - x * x) * derivative * derivative);
        }

        return (nodes, weights);
    }
}
