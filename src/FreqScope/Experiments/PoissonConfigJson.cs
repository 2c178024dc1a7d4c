using System.Text.Json.Serialization;

namespace FreqScope.Experiments;

/// <summary>The source-generated JSON contract of <see cref="PoissonExperimentConfig"/>.</summary>
[JsonSerializable(typeof(PoissonExperimentConfig))]
internal sealed partial class PoissonConfigJson : JsonSerializerContext;
