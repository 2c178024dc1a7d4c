using FreqScope.Core.Config;

namespace FreqScope.Experiments.Ntk;

/// <summary>What an <c>ntk</c> run records.</summary>
public sealed record NtkProbeConfig
{
    /// <summary>Probe every this many steps (≥ 1; and at step 0 and the last step). Default 10.</summary>
    [Range(1)]
    public int Every { get; init; } = 10;

    /// <summary>Number K of top eigenvectors (largest eigenvalues) the residual is projected on, 1 … n. Default 8 (at most n).</summary>
    public int Eigenvectors { get; init; } = 8;

    /// <summary>Number of probes (≥ 2, step 0 and the last included, geometrically spaced) whose outputs go to outputs.csv. Default 5.</summary>
    [Range(2)]
    public int Snapshots { get; init; } = 5;

    /// <summary>Most Jacobian rows held at once while the NTK is computed (≥ 2; see <see cref="Theory.EmpiricalNtk"/>). Default 256.</summary>
    [Range(2)]
    public int NtkBatchSize { get; init; } = 256;
}
