namespace FreqScope.Theory;

/// <summary>Implicit time stepping of <see cref="FrequencyPde"/>.</summary>
public enum TimeScheme
{
    /// <summary>Crank–Nicolson (trapezoidal rule): second order in time, A-stable.</summary>
    CrankNicolson,

    /// <summary>Backward Euler: first order in time, L-stable (damps the stiffest modes at once).</summary>
    BackwardEuler,
}
