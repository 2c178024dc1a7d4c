using System.Text.Json.Serialization;

namespace FreqScope.Experiments;

/// <summary>The source-generated JSON contract of <see cref="ParityExperimentConfig"/>.</summary>
[JsonSerializable(typeof(ParityExperimentConfig))]
internal sealed partial class ParityConfigJson : JsonSerializerContext;
