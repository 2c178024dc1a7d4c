namespace FreqScope.Bench;

/// <summary>One timed training configuration, run identically by FreqScope and the PyTorch peer.</summary>
public sealed record BenchCase(string Name, int[] Hidden, int Points, int Steps)
{
    /// <summary>The case as the peer script's --case argument: name:h1,h2,...:points:steps.</summary>
    public string PeerSpec => $"{Name}:{string.Join(',', Hidden)}:{Points}:{Steps}";

    /// <summary>
    /// Matrix-product flops of one training step: 2·n·w_in·w_out per layer for the forward pass and twice that for
    /// the backward pass (input and weight gradients). Elementwise work and the optimizer update are left out, so
    /// this is a floor.
    /// </summary>
    public double Flops
    {
        get
        {
            var widths = new[] { 1 }.Concat(Hidden).Append(1).ToArray();
            double sum = 0;
            for (int i = 0; i < widths.Length - 1; i++) sum += (double)widths[i] * widths[i + 1];
            return 6.0 * Points * sum;
        }
    }
}
