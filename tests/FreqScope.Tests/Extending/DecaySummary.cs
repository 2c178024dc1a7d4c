using FreqScope.Core.Runs;

namespace FreqScope.Tests.Extending;

/// <summary>summary.json of a decay run.</summary>
/// <param name="Final">x after the last step.</param>
/// <param name="Error">|x − target| after the last step.</param>
/// <param name="Verdict">One sentence on the outcome.</param>
public sealed record DecaySummary(double Final, double Error, string Verdict) : IRunSummary;
