namespace FreqScope.Experiments.Poisson;

/// <summary>Probe iterations and each analysed mode's relative error at them.</summary>
internal sealed class PoissonModeHistory(int modes)
{
    private readonly List<double>[] _errors = Enumerable.Range(0, modes).Select(_ => new List<double>()).ToArray();

    public List<long> Iterations { get; } = [];

    public IReadOnlyList<double> Errors(int mode) => _errors[mode];

    public void Add(long iteration, double[] errors)
    {
        Iterations.Add(iteration);
        for (int i = 0; i < errors.Length; i++) _errors[i].Add(errors[i]);
    }
}
