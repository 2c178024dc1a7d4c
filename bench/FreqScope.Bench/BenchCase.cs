namespace FreqScope.Bench;

/// <summary>One timed training configuration, run identically by FreqScope and the PyTorch peer.</summary>
public sealed record BenchCase(string Name, int[] Hidden, int Points, int Steps)
{
    /// <summary>The case as the peer script's --case argument: name:h1,h2,...:points:steps.</summary>
    public string PeerSpec => $"{Name}:{string.Join(',', Hidden)}:{Points}:{Steps}";
}
