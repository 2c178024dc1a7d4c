namespace FreqScope.Sweeps;

/// <summary>What a sweep ended with.</summary>
/// <param name="OutputDirectory">The sweep folder (full path).</param>
/// <param name="Status"><c>finished</c> (every member finished), <c>interrupted</c> (cancelled) or <c>failed</c> (some member failed).</param>
/// <param name="Manifest">The sweep.json written last.</param>
public sealed record SweepRunResult(string OutputDirectory, string Status, SweepManifest Manifest);
