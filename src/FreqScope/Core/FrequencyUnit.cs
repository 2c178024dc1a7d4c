namespace FreqScope.Core;

/// <summary>How target frequencies are given. JSON: <c>"angular"</c> (the default) or <c>"cycles"</c>.</summary>
public enum FrequencyUnit
{
    /// <summary>Angular frequency ω: sin(ω x + φ).</summary>
    Angular,

    /// <summary>Cycles per unit of x, f: sin(2π f x + φ).</summary>
    Cycles,
}
