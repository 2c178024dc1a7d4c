using System.Text.Json.Serialization;

namespace FreqScope.Experiments.Ntk;

/// <summary>The source-generated JSON contract of <see cref="NtkExperimentConfig"/>.</summary>
[JsonSerializable(typeof(NtkExperimentConfig))]
internal sealed partial class NtkConfigJson : JsonSerializerContext;
