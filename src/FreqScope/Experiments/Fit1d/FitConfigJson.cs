using System.Text.Json.Serialization;

namespace FreqScope.Experiments.Fit1d;

/// <summary>The source-generated JSON contract of <see cref="FitExperimentConfig"/>.</summary>
[JsonSerializable(typeof(FitExperimentConfig))]
internal sealed partial class FitConfigJson : JsonSerializerContext;
