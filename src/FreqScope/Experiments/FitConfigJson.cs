using System.Text.Json.Serialization;

namespace FreqScope.Experiments;

/// <summary>The source-generated JSON contract of <see cref="FitExperimentConfig"/>.</summary>
[JsonSerializable(typeof(FitExperimentConfig))]
internal sealed partial class FitConfigJson : JsonSerializerContext;
