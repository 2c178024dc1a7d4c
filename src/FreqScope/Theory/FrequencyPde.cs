using FreqScope.Solvers;

namespace FreqScope.Theory;

/// <summary>
/// The frequency-dynamics equation of a two-layer Fourier-feature network in the NTK regime,
/// <c>∂_t u(ξ, t) = C [D ∂_ξ(ρ(ξ) ∂_ξ u) − ρ(ξ) u] + f(ξ, t)</c> on an interval [ξ_0, ξ_N], solved by P1
/// (piecewise-linear) finite elements in ξ and implicit time stepping.
/// </summary>
/// <remarks>
/// <para>
/// Boundary condition: natural (zero flux), ρ ∂_ξ u = 0 at both ends, which is what the weak form gives without
/// boundary terms. It is the right condition when the interval covers the support of ρ, or reaches where ρ is
/// negligible. The source f exists for manufactured-solution tests; the network's equation has none.
/// </para>
/// <para>
/// Discretisation: hat functions φ_i on the given nodes; mass M_ij = ∫ φ_i φ_j, stiffness K_ij = ∫ ρ φ_i′ φ_j′ and
/// reaction R_ij = ∫ ρ φ_i φ_j, with ρ integrated by 3-point Gauss quadrature on each element (exact for
/// quadratic ρ). The semi-discrete system M u′ = −C (D K + R) u + F is tridiagonal; each time step solves one
/// tridiagonal system (Thomas algorithm). With <c>lumpedMass</c> both are integrated by nodal (trapezoidal)
/// quadrature instead: M_ii = ∫ φ_i, R_ii = ρ(ξ_i) M_ii, off-diagonals 0. That decouples the reaction term: for
/// D = 0 every node then decays exactly as e^{−C ρ(ξ_i) t} in continuous time.
/// </para>
/// <para>
/// Time: Crank–Nicolson (the source at the step's two ends averaged) or backward Euler, with steps of at most
/// <c>dt</c>, shortened so that every requested output time is hit exactly. The equation is linear and real, so a
/// complex spectrum is solved as its real and imaginary parts separately.
/// </para>
/// </remarks>
public sealed class FrequencyPde
{
    /// <summary>3-point Gauss–Legendre nodes on [0, 1] (exact for polynomials of degree 5).</summary>
    private static readonly double[] GaussNodes = [(1 - Math.Sqrt(0.6)) / 2, 0.5, (1 + Math.Sqrt(0.6)) / 2];

    /// <summary>The weights of <see cref="GaussNodes"/>.</summary>
    private static readonly double[] GaussWeights = [5.0 / 18, 8.0 / 18, 5.0 / 18];

    private readonly double[] _nodes;
    private readonly double _c;
    private readonly double _diffusion;
    private readonly bool _lumped;
    // Tridiagonal matrices as (lower, diagonal, upper); lower[0] and upper[^1] unused.
    private readonly double[] _mLower, _mDiag, _mUpper;
    private readonly double[] _aLower, _aDiag, _aUpper;

    /// <param name="nodes">The mesh, strictly increasing, at least 2 nodes.</param>
    /// <param name="rho">ρ(ξ) ≥ 0 (the density of first-layer frequencies, in the units of ξ).</param>
    /// <param name="c">C &gt; 0: the rate constant (learning rate over the data measure; see docs/).</param>
    /// <param name="diffusion">D ≥ 0: the diffusion in frequency (σ_a² in the units of ξ).</param>
    /// <param name="lumpedMass">Integrate the mass and reaction matrices by nodal quadrature (lumped).</param>
    /// <exception cref="ArgumentException">The mesh, C or D is invalid, or ρ is negative or not finite at a quadrature point.</exception>
    public FrequencyPde(double[] nodes, Func<double, double> rho, double c, double diffusion, bool lumpedMass = false)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(rho);
        if (nodes.Length < 2) throw new ArgumentException($"the mesh needs at least 2 nodes, got {nodes.Length}", nameof(nodes));
        for (int i = 0; i < nodes.Length; i++)
        {
            if (!double.IsFinite(nodes[i])) throw new ArgumentException($"node {i} is {nodes[i]}; expected a finite number", nameof(nodes));
            if (i > 0 && !(nodes[i] > nodes[i - 1]))
                throw new ArgumentException($"nodes must increase strictly; node {i} = {nodes[i]} follows {nodes[i - 1]}", nameof(nodes));
        }

        if (!(c > 0) || double.IsInfinity(c)) throw new ArgumentException($"C is {c}; expected a finite number > 0", nameof(c));
        if (!(diffusion >= 0) || double.IsInfinity(diffusion)) throw new ArgumentException($"D is {diffusion}; expected a finite number >= 0", nameof(diffusion));
        _nodes = (double[])nodes.Clone();
        _c = c;
        _diffusion = diffusion;
        _lumped = lumpedMass;
        int n = nodes.Length;
        _mLower = new double[n];
        _mDiag = new double[n];
        _mUpper = new double[n];
        var kLower = new double[n];
        var kDiag = new double[n];
        var kUpper = new double[n];
        var rLower = new double[n];
        var rDiag = new double[n];
        var rUpper = new double[n];

        for (int e = 0; e < n - 1; e++)
        {
            double h = nodes[e + 1] - nodes[e];
            double m00 = 0, m01 = 0, m11 = 0, k = 0, r00 = 0, r01 = 0, r11 = 0;
            for (int q = 0; q < 3; q++)
            {
                double s = GaussNodes[q];
                double xi = nodes[e] + s * h;
                double p = rho(xi);
                if (!(p >= 0) || double.IsInfinity(p))
                    throw new ArgumentException($"ρ({xi}) = {p}; expected a finite number >= 0", nameof(rho));
                double w = GaussWeights[q] * h;
                double f0 = 1 - s, f1 = s;
                m00 += w * f0 * f0;
                m01 += w * f0 * f1;
                m11 += w * f1 * f1;
                r00 += w * p * f0 * f0;
                r01 += w * p * f0 * f1;
                r11 += w * p * f1 * f1;
                k += w * p / (h * h);
            }

            _mDiag[e] += m00;
            _mDiag[e + 1] += m11;
            _mUpper[e] += m01;
            _mLower[e + 1] += m01;
            rDiag[e] += r00;
            rDiag[e + 1] += r11;
            rUpper[e] += r01;
            rLower[e + 1] += r01;
            kDiag[e] += k;
            kDiag[e + 1] += k;
            kUpper[e] -= k;
            kLower[e + 1] -= k;
        }

        if (lumpedMass)
        {
            for (int i = 0; i < n; i++)
            {
                _mDiag[i] += _mLower[i] + _mUpper[i];
                double p = rho(nodes[i]);
                if (!(p >= 0) || double.IsInfinity(p))
                    throw new ArgumentException($"ρ({nodes[i]}) = {p}; expected a finite number >= 0", nameof(rho));
                rDiag[i] = p * _mDiag[i];
                _mLower[i] = _mUpper[i] = rLower[i] = rUpper[i] = 0;
            }
        }

        _aLower = new double[n];
        _aDiag = new double[n];
        _aUpper = new double[n];
        for (int i = 0; i < n; i++)
        {
            _aLower[i] = c * (diffusion * kLower[i] + rLower[i]);
            _aDiag[i] = c * (diffusion * kDiag[i] + rDiag[i]);
            _aUpper[i] = c * (diffusion * kUpper[i] + rUpper[i]);
        }
    }

    /// <summary>The mesh.</summary>
    public IReadOnlyList<double> Nodes => _nodes;

    /// <summary>C.</summary>
    public double RateConstant => _c;

    /// <summary>D.</summary>
    public double Diffusion => _diffusion;

    /// <summary>Whether the mass and reaction matrices are lumped.</summary>
    public bool LumpedMass => _lumped;

    /// <summary>
    /// Solves from <paramref name="initial"/> (nodal values at t = 0) and returns the nodal values at each of
    /// <paramref name="times"/>.
    /// </summary>
    /// <param name="initial">u(ξ_i, 0), one value per node.</param>
    /// <param name="times">Output times, ≥ 0 and non-decreasing.</param>
    /// <param name="dt">The largest time step, &gt; 0.</param>
    /// <param name="scheme">Crank–Nicolson or backward Euler.</param>
    /// <param name="source">f(ξ, t), or null for none.</param>
    /// <returns>One array of nodal values per output time.</returns>
    /// <exception cref="ArgumentException">The initial values, times or step are invalid.</exception>
    public double[][] Solve(double[] initial, IReadOnlyList<double> times, double dt, TimeScheme scheme = TimeScheme.CrankNicolson,
        Func<double, double, double>? source = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(times);
        int n = _nodes.Length;
        if (initial.Length != n) throw new ArgumentException($"{initial.Length} initial values for {n} nodes", nameof(initial));
        if (!(dt > 0) || double.IsInfinity(dt)) throw new ArgumentException($"dt is {dt}; expected a finite number > 0", nameof(dt));
        for (int i = 0; i < times.Count; i++)
        {
            if (!(times[i] >= 0) || double.IsInfinity(times[i]) || (i > 0 && times[i] < times[i - 1]))
                throw new ArgumentException($"times[{i}] = {times[i]}; expected finite times >= 0 in non-decreasing order", nameof(times));
        }

        var u = (double[])initial.Clone();
        var results = new double[times.Count][];
        double t = 0;
        var rhs = new double[n];
        var lower = new double[n];
        var diag = new double[n];
        var upper = new double[n];
        var scratch = new double[n];
        var f0 = source is null ? null : new double[n];
        var f1 = source is null ? null : new double[n];
        for (int o = 0; o < times.Count; o++)
        {
            double target = times[o];
            while (t < target)
            {
                int steps = (int)Math.Ceiling((target - t) / dt * (1 - 1e-12));
                double step = (target - t) / Math.Max(1, steps);
                double theta = scheme == TimeScheme.CrankNicolson ? 0.5 : 1.0;
                // (M + θ·Δt·A) u¹ = (M − (1 − θ)·Δt·A) u⁰ + Δt·(θ F¹ + (1 − θ) F⁰)
                for (int i = 0; i < n; i++)
                {
                    lower[i] = _mLower[i] + theta * step * _aLower[i];
                    diag[i] = _mDiag[i] + theta * step * _aDiag[i];
                    upper[i] = _mUpper[i] + theta * step * _aUpper[i];
                }

                double explicitWeight = (1 - theta) * step;
                for (int i = 0; i < n; i++)
                {
                    double mu = _mDiag[i] * u[i] - explicitWeight * _aDiag[i] * u[i];
                    if (i > 0) mu += _mLower[i] * u[i - 1] - explicitWeight * _aLower[i] * u[i - 1];
                    if (i < n - 1) mu += _mUpper[i] * u[i + 1] - explicitWeight * _aUpper[i] * u[i + 1];
                    rhs[i] = mu;
                }

                if (source is not null)
                {
                    LoadVector(source, t, f0!);
                    LoadVector(source, t + step, f1!);
                    for (int i = 0; i < n; i++) rhs[i] += step * (theta * f1![i] + (1 - theta) * f0![i]);
                }

                Tridiagonal.Solve(lower, diag, upper, rhs, u, scratch);
                t += step;
            }

            results[o] = (double[])u.Clone();
        }

        return results;
    }

    /// <summary>F_i = ∫ f(ξ, t) φ_i dξ by 3-point Gauss quadrature per element (row sums with lumped mass: the same).</summary>
    private void LoadVector(Func<double, double, double> source, double t, double[] f)
    {
        Array.Clear(f);
        for (int e = 0; e < _nodes.Length - 1; e++)
        {
            double h = _nodes[e + 1] - _nodes[e];
            for (int q = 0; q < 3; q++)
            {
                double s = GaussNodes[q];
                double value = source(_nodes[e] + s * h, t) * GaussWeights[q] * h;
                f[e] += value * (1 - s);
                f[e + 1] += value * s;
            }
        }
    }

    /// <summary>
    /// The L2 norm over [ξ_0, ξ_N] of the piecewise-linear interpolant of <paramref name="values"/> minus
    /// <paramref name="exact"/> (3-point Gauss per element); pass <c>_ =&gt; 0</c> for the norm itself.
    /// </summary>
    public static double L2Error(IReadOnlyList<double> nodes, IReadOnlyList<double> values, Func<double, double> exact)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(exact);
        if (nodes.Count != values.Count) throw new ArgumentException($"{values.Count} values for {nodes.Count} nodes", nameof(values));
        double sum = 0;
        for (int e = 0; e < nodes.Count - 1; e++)
        {
            double h = nodes[e + 1] - nodes[e];
            for (int q = 0; q < 3; q++)
            {
                double s = GaussNodes[q];
                double diff = (1 - s) * values[e] + s * values[e + 1] - exact(nodes[e] + s * h);
                sum += GaussWeights[q] * h * diff * diff;
            }
        }

        return Math.Sqrt(sum);
    }
}
