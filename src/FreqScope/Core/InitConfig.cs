using System.Text.Json.Serialization;
using FreqScope.Core.Config;

namespace FreqScope.Core;

/// <summary>
/// How one kind of parameter (weights or biases) is initialized. JSON: <c>{"distribution": "normal", "std": 0.07}</c>
/// or <c>{"distribution": "normal", "scale": {"m": 200, "t": 0.5}}</c> meaning σ = m^(−t). Normal and uniform
/// require exactly one of std and scale; uniform with standard deviation σ draws from U(−σ√3, σ√3). The other
/// distributions take neither. <see cref="Gain"/> scales xavier and kaiming initializations.
/// </summary>
public sealed record InitConfig : IConfigRules
{
    /// <summary>The distribution. Default <see cref="InitDistribution.Default"/> (PyTorch's <c>nn.Linear</c> default).</summary>
    public InitDistribution Distribution { get; init; } = InitDistribution.Default;

    /// <summary>Standard deviation σ (&gt; 0), when given directly.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Std { get; init; }

    /// <summary>σ given as m^(−t), when it is not given directly.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InitScaleConfig? Scale { get; init; }

    /// <summary>Gain of xavier and kaiming initializations (&gt; 0). Default 1; must stay 1 for the other distributions.</summary>
    [Range(0, MinExclusive = true)]
    public double Gain { get; init; } = 1;

    /// <summary>The m of σ = m^(−t), when σ is given as a scale.</summary>
    public double? ScaleM => Scale?.M;

    /// <summary>The t of σ = m^(−t), when σ is given as a scale.</summary>
    public double? ScaleT => Scale?.T;

    /// <summary>σ for normal and uniform: <see cref="Std"/>, else m^(−t). Throws when neither is set.</summary>
    public double ResolvedStd => Std ?? Scale?.Std ?? throw new InvalidOperationException("neither std nor scale is set");

    /// <summary>Normal and uniform take exactly one of std and scale, the others neither; gain is only for xavier and kaiming.</summary>
    public void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var name = $"\"{JsonNames.Of(Distribution)}\"";
        var stdNode = node.Optional("std");
        var scaleNode = node.Optional("scale");
        if (Distribution is InitDistribution.Normal or InitDistribution.Uniform)
        {
            if (stdNode is not null && scaleNode is not null) throw node.Error($"distribution {name} takes exactly one of std and scale, not both");
            if (stdNode is null && scaleNode is null) throw node.Error($"distribution {name} requires std or scale ({{\"m\": ..., \"t\": ...}} meaning std = m^(-t))");
            if (stdNode is not null && !(stdNode.GetDouble() > 0)) throw stdNode.OutOfRange("a number > 0");
            if (scaleNode is not null && Scale is null) throw scaleNode.WrongType("an object");
            if (scaleNode is not null && Scale is not null && (!double.IsFinite(Scale.Std) || Scale.Std <= 0))
                throw scaleNode.Error($"std = m^(-t) = {ConfigNode.Format(Scale.Std)} is out of range; expected a finite number > 0");
        }
        else
        {
            if (stdNode is not null) throw stdNode.Error($"std is only allowed with distribution \"normal\" or \"uniform\", not {name}");
            if (scaleNode is not null) throw scaleNode.Error($"scale is only allowed with distribution \"normal\" or \"uniform\", not {name}");
        }

        var scaled = Distribution is InitDistribution.XavierNormal or InitDistribution.XavierUniform or InitDistribution.KaimingNormal or InitDistribution.KaimingUniform;
        if (!scaled && Gain != 1 && node.Optional("gain") is { } gainNode)
            throw gainNode.Error($"{gainNode.Display} is not allowed with distribution {name}; gain applies only to xavierNormal, xavierUniform, kaimingNormal, kaimingUniform (use 1 or leave it out)");
    }
}
