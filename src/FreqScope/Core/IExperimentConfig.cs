namespace FreqScope.Core;

/// <summary>What every experiment config has: its kind, name, seed and device.</summary>
public interface IExperimentConfig
{
    /// <summary>The experiment kind: <c>fit1d</c>, <c>classify</c>, <c>poisson</c>, <c>fourier-features</c>, <c>ntk</c> or <c>parity</c>.</summary>
    string Experiment { get; }

    /// <summary>Run name.</summary>
    string Name { get; }

    /// <summary>Seed for every random choice.</summary>
    long Seed { get; }

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>auto</c>.</summary>
    string Device { get; }

    /// <summary>Whether the run streams its measurements to TensorBoard (<c>RUN_DIR/tensorboard/</c>). Default true.</summary>
    bool TensorBoard => true;
}
