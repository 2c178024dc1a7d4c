using System.Text.Json.Serialization;
using FreqScope.Core.Config;

namespace FreqScope.Core;

/// <summary>
/// One bump Amplitude·exp(−(x − Center)² / (2·Width²)) of a <see cref="TargetKind.GaussianBumps"/> target.
/// JSON: <c>{"center": 0, "width": 0.1, "amplitude": 1}</c>; center and width are required, amplitude defaults to 1.
/// </summary>
/// <param name="Center">Center of the bump (required).</param>
/// <param name="Width">Standard deviation of the bump (&gt; 0, required).</param>
/// <param name="Amplitude">Height of the bump. Default 1.</param>
public sealed record GaussianBump([property: JsonRequired] double Center = 0, [property: JsonRequired, Range(0, MinExclusive = true)] double Width = 1, double Amplitude = 1);
