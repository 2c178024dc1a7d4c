namespace FreqScope.Sweeps;

/// <summary>One job submitted for a sweep, as recorded in <c>slurm/jobs.json</c>.</summary>
public sealed record SlurmSubmission
{
    /// <summary><see cref="ArrayKind"/> (members) or <see cref="RetryKind"/> (the follow-up job that resubmits).</summary>
    public required string Kind { get; init; }

    /// <summary>The job id sbatch printed.</summary>
    public required string JobId { get; init; }

    /// <summary>The attempt: 1 for the first array, 2 for the first resubmission, …; a retry job carries the attempt it follows.</summary>
    public required int Attempt { get; init; }

    /// <summary>The member indices of an array job (its array task ids); empty for a retry job.</summary>
    public IReadOnlyList<int> Indices { get; init; } = [];

    /// <summary>The job this one waits for (<c>--dependency=afterany:ID</c>), or null.</summary>
    public string? DependsOn { get; init; }

    /// <summary>When it was submitted.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The value of <see cref="Kind"/> for a member array.</summary>
    public const string ArrayKind = "array";

    /// <summary>The value of <see cref="Kind"/> for a retry job.</summary>
    public const string RetryKind = "retry";
}
