using System.Text.Json.Serialization;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>The source-generated JSON contract of <see cref="FourierExperimentConfig"/>.</summary>
[JsonSerializable(typeof(FourierExperimentConfig))]
internal sealed partial class FourierConfigJson : JsonSerializerContext;
