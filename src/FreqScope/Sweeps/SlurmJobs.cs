namespace FreqScope.Sweeps;

/// <summary>The contents of a Slurm sweep's <c>slurm/jobs.json</c>: what was asked for and every job submitted.</summary>
public sealed record SlurmJobs
{
    /// <summary>The options the sweep was submitted with (retries, resources, the command line).</summary>
    public required SlurmOptions Options { get; init; }

    /// <summary>The jobs in the order submitted.</summary>
    public IReadOnlyList<SlurmSubmission> Submissions { get; init; } = [];

    /// <summary>The member arrays submitted so far (the first one and every resubmission).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int ArraysSubmitted => Submissions.Count(s => s.Kind == SlurmSubmission.ArrayKind);

    /// <summary>The latest array job that ran member <paramref name="index"/>, or null.</summary>
    public SlurmSubmission? LatestArrayFor(int index) =>
        Submissions.LastOrDefault(s => s.Kind == SlurmSubmission.ArrayKind && s.Indices.Contains(index));
}
