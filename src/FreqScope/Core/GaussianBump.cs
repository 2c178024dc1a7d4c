namespace FreqScope.Core;

/// <summary>
/// One bump Amplitude·exp(−(x − Center)² / (2·Width²)) of a <see cref="TargetKind.GaussianBumps"/> target.
/// JSON: <c>{"center": 0, "width": 0.1, "amplitude": 1}</c>; amplitude defaults to 1.
/// </summary>
/// <param name="Center">Center of the bump.</param>
/// <param name="Width">Standard deviation of the bump (&gt; 0).</param>
/// <param name="Amplitude">Height of the bump.</param>
public sealed record GaussianBump(double Center, double Width, double Amplitude);
