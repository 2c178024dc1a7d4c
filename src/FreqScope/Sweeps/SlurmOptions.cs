namespace FreqScope.Sweeps;

/// <summary>What <see cref="SlurmSweep.Submit"/> asks Slurm for; each is written as an <c>#SBATCH</c> line.</summary>
public sealed record SlurmOptions
{
    /// <summary>The command that starts the FreqScope command line on a compute node, absolute paths (see <see cref="LocalSweepOptions.Command"/>).</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary><c>--partition</c>, or null for the cluster's default.</summary>
    public string? Partition { get; init; }

    /// <summary><c>--time</c> per member (e.g. <c>01:00:00</c>), or null for the partition's default.</summary>
    public string? Time { get; init; }

    /// <summary><c>--mem</c> per member (e.g. <c>4G</c>), or null.</summary>
    public string? Mem { get; init; }

    /// <summary><c>--gpus</c> per member, or null.</summary>
    public string? Gpus { get; init; }

    /// <summary><c>--cpus-per-task</c>: the CPU cores of each member; its torch threads.</summary>
    public int CpusPerTask { get; init; } = 1;

    /// <summary>More <c>#SBATCH</c> options, verbatim (e.g. <c>--account=proj</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>How many times the members that failed or never finished are submitted again (0: never).</summary>
    public int Retries { get; init; } = 1;

    /// <summary><c>--job-name</c>, or null for the sweep's name.</summary>
    public string? JobName { get; init; }

    /// <summary>Build each member's report (else each member runs with <c>--no-report</c>).</summary>
    public bool BuildReport { get; init; } = true;
}
