using FreqScope.Core;

namespace FreqScope.Sweeps;

/// <summary>One member of a sweep: its run-folder name, its assignment of the swept keys and its validated config.</summary>
/// <param name="Index">Position in the sweep, from 0 (grid members in row-major order: the last key varies fastest).</param>
/// <param name="Name">Run-folder name and config name: <c>NAME-000</c>, <c>NAME-001</c>, …</param>
/// <param name="Label">Short description of the assignment, e.g. <c>seed=1,model.hidden=[200]</c>.</param>
/// <param name="Assignment">Each swept path with this member's value as compact JSON text, in the order of the sweep's keys.</param>
/// <param name="Config">The member's validated config (name set to <paramref name="Name"/>).</param>
public sealed record SweepMember(int Index, string Name, string Label, IReadOnlyList<KeyValuePair<string, string>> Assignment, IExperimentConfig Config);
