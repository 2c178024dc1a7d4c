namespace FreqScope.Spectral;

/// <summary>
/// Steele, Lea and Flood's SplitMix64 generator (as in Vigna's reference <c>splitmix64.c</c>): tiny, fast, and fixed
/// forever, unlike <see cref="System.Random"/> whose algorithm may change between .NET versions.
/// </summary>
public sealed class SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>Starts from <paramref name="seed"/> (its two's-complement bits are the initial state).</summary>
    public SplitMix64(long seed)
    {
        State = unchecked((ulong)seed);
    }

    /// <summary>The current state; a generator started from <c>(long)State</c> continues the same sequence.</summary>
    public ulong State { get; private set; }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var z = State = unchecked(State + Golden);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1): the top 53 bits of <see cref="NextUInt64"/> times 2⁻⁵³.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
