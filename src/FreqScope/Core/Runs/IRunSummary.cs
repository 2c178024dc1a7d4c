namespace FreqScope.Core.Runs;

/// <summary>What every kind's summary.json says in words: one verdict on what the run measured.</summary>
public interface IRunSummary
{
    /// <summary>The run's finding in one or a few sentences.</summary>
    string Verdict { get; }
}
