using FreqScope.Experiments;

namespace FreqScope.Sweeps;

/// <summary>One row of <c>freqscope sweep status</c>: a member's record from its run folder and, for a Slurm sweep, its task.</summary>
/// <param name="Member">The member.</param>
/// <param name="Record">Its record as its run folder tells it (status pending, running, finished, interrupted or failed).</param>
/// <param name="SlurmTask">Its latest array task, <c>JOB_INDEX</c>, or null.</param>
/// <param name="SlurmState">That task's Slurm state (PENDING, RUNNING, COMPLETED, …), or null where unknown.</param>
public sealed record SweepMemberState(SweepMember Member, SweepMemberRecord Record, string? SlurmTask, string? SlurmState);
