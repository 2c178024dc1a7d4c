using FreqScope.Core.Config;
using FreqScope.Solvers;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// Everything a poisson run derives from its problem: the grid, the source at the interior nodes, the exact solution
/// u_h of the discrete system (every error is measured against it), the analytic solution when the source has one,
/// the solution's mode amplitudes, and which modes are recorded and analysed.
/// </summary>
internal sealed class PoissonSetup
{
    public PoissonGrid Grid { get; }
    public Func<double, double, double> Source { get; }
    public double[] Rhs { get; }
    public double[] Discrete { get; }
    public double[]? Exact { get; }
    public double[] NodesX { get; }
    public double[]? NodesY { get; }
    public double[] SolutionAmplitudes { get; }

    /// <summary>
    /// A mode is recorded only when |û| ≥ this × the largest |û|: below it the relative error |ê| / |û| of a mode the
    /// solution barely contains is dominated by rounding in the other modes' errors.
    /// </summary>
    public const double RecordThreshold = 1e-6;

    /// <summary>Modes written to modes.csv (ascending): 1..keep with |û| ≥ <see cref="RecordThreshold"/> × max, plus the analysed ones.</summary>
    public int[] Recorded { get; }

    /// <summary>Modes whose convergence order and spectral-bias index are reported (ascending, a subset of <see cref="Recorded"/>).</summary>
    public int[] Analysed { get; }

    private PoissonSetup(PoissonExperimentConfig config)
    {
        var p = config.Problem;
        Grid = new PoissonGrid(p.Dimension, p.Min, p.Max, p.Intervals);
        Source = SourceFunction(p, Grid);
        if (p.Dimension == 1)
        {
            NodesX = Grid.AxisNodes();
        }
        else
        {
            var (x, y) = Grid.Nodes2D();
            NodesX = x;
            NodesY = y;
        }

        Rhs = new double[Grid.Unknowns];
        for (int i = 0; i < Rhs.Length; i++)
        {
            Rhs[i] = Source(NodesX[i], NodesY?[i] ?? 0);
            if (!double.IsFinite(Rhs[i]))
            {
                string at = NodesY is null ? $"x = {NodesX[i]:R}" : $"(x, y) = ({NodesX[i]:R}, {NodesY[i]:R})";
                throw new ConfigException("config", "$.problem.source", $"g is {Rhs[i]} at the grid node {at}; expected a finite value at every interior node");
            }
        }

        Discrete = DirectPoissonSolver.Solve(Grid, Rhs);
        Exact = p.Source.Kind switch
        {
            PoissonSourceKind.Sines => NodesX.Select(x => SineSeriesSolution.Exact1D(Grid, p.Source.Terms, x)).ToArray(),
            PoissonSourceKind.Modes => NodesX.Select((x, i) => SineSeriesSolution.Exact2D(Grid, p.Source.Modes, x, NodesY![i])).ToArray(),
            _ => null,
        };

        SolutionAmplitudes = ModeSpectrum.Amplitudes(Grid, Discrete);
        double max = SolutionAmplitudes.Max();
        int half = Math.Max(1, (SolutionAmplitudes.Length - 1) / 2);
        if (config.Probe.Modes is { } explicitModes)
        {
            foreach (var k in explicitModes)
            {
                if (k >= SolutionAmplitudes.Length)
                    throw new ConfigException("config", "$.probe.modes", $"mode {k} is beyond the grid's largest mode {SolutionAmplitudes.Length - 1}");
                if (!(SolutionAmplitudes[k] >= RecordThreshold * max))
                    throw new ConfigException("config", "$.probe.modes", $"mode {k} has no content in the discrete solution (|û| = {SolutionAmplitudes[k]:G3}), so its relative error is undefined; choose modes the solution contains");
            }

            Analysed = [.. explicitModes];
        }
        else
        {
            Analysed = Enumerable.Range(1, half).Where(k => SolutionAmplitudes[k] >= config.Probe.MinRelativeHeight * max && SolutionAmplitudes[k] > 0).ToArray();
        }

        int keep = Math.Min(config.Probe.Keep, SolutionAmplitudes.Length - 1);
        Recorded = Enumerable.Range(1, keep).Where(k => SolutionAmplitudes[k] >= RecordThreshold * max).Union(Analysed).Order().ToArray();
    }

    /// <summary>Builds the setup; errors in the source or the analysed modes are <see cref="ConfigException"/>s.</summary>
    public static PoissonSetup Create(PoissonExperimentConfig config) => new(config);

    /// <summary>g(x, y) of the config's source (y ignored in 1-D).</summary>
    public static Func<double, double, double> SourceFunction(PoissonProblemConfig p, PoissonGrid grid)
    {
        switch (p.Source.Kind)
        {
            case PoissonSourceKind.Sines:
                var terms = p.Source.Terms;
                return (x, _) => SineSeriesSolution.Source1D(terms, x);
            case PoissonSourceKind.Modes:
                var modes = p.Source.Modes;
                return (x, y) => SineSeriesSolution.Source2D(grid, modes, x, y);
            default:
                var expression = SourceExpression.Parse(p.Source.Expression!, p.Dimension == 1 ? ["x"] : ["x", "y"]);
                return p.Dimension == 1 ? (x, _) => expression.Evaluate(x) : expression.Evaluate;
        }
    }

    /// <summary>‖u_h − u*‖∞, or null without an analytic solution.</summary>
    public double? DiscretisationError => Exact is null ? null : Relaxation.MaxAbsDifference(Discrete, Exact);

    /// <summary>The frequency of mode (or shell) <paramref name="k"/> in cycles per unit length.</summary>
    public double Frequency(int k) => SineTransform.Frequency(Grid, k);
}
