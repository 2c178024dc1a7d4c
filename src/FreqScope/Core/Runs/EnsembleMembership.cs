using FreqScope.Core.Config;

namespace FreqScope.Core.Runs;

/// <summary>A run's place in the ensemble it was trained in (manifest.json's <c>ensemble</c>).</summary>
/// <param name="Index">The member's position in the ensemble, from 0.</param>
/// <param name="Count">The ensemble's size K.</param>
/// <param name="Group">The folder holding the ensemble's shared checkpoint (absolute path), e.g. <c>SWEEP_DIR/.ensemble-000</c>.</param>
public sealed record EnsembleMembership(int Index, int Count, string Group);
