using System.Text.Json.Serialization;

namespace FreqScope.Experiments.Poisson;

/// <summary>The source-generated JSON contract of <see cref="PoissonExperimentConfig"/>.</summary>
[JsonSerializable(typeof(PoissonExperimentConfig))]
internal sealed partial class PoissonConfigJson : JsonSerializerContext;
