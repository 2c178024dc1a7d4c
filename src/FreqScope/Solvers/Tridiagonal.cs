namespace FreqScope.Solvers;

/// <summary>The Thomas algorithm for tridiagonal systems.</summary>
internal static class Tridiagonal
{
    /// <summary>
    /// Solves T x = d for T with sub-diagonal <paramref name="lower"/> (lower[0] unused), diagonal
    /// <paramref name="diag"/> and super-diagonal <paramref name="upper"/> (upper[^1] unused), into
    /// <paramref name="x"/>; <paramref name="scratch"/> has the same length. No pivoting: T must be diagonally
    /// dominant or symmetric positive definite (true for the discrete Laplacian and for M + θΔt·A).
    /// </summary>
    public static void Solve(double[] lower, double[] diag, double[] upper, double[] d, double[] x, double[] scratch)
    {
        int n = diag.Length;
        double beta = diag[0];
        x[0] = d[0] / beta;
        for (int i = 1; i < n; i++)
        {
            scratch[i] = upper[i - 1] / beta;
            beta = diag[i] - lower[i] * scratch[i];
            x[i] = (d[i] - lower[i] * x[i - 1]) / beta;
        }

        for (int i = n - 2; i >= 0; i--) x[i] -= scratch[i + 1] * x[i + 1];
    }
}
