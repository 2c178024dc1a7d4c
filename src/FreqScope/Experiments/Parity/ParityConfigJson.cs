using System.Text.Json.Serialization;

namespace FreqScope.Experiments.Parity;

/// <summary>The source-generated JSON contract of <see cref="ParityExperimentConfig"/>.</summary>
[JsonSerializable(typeof(ParityExperimentConfig))]
internal sealed partial class ParityConfigJson : JsonSerializerContext;
