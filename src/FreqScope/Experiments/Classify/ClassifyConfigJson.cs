using System.Text.Json.Serialization;

namespace FreqScope.Experiments.Classify;

/// <summary>The source-generated JSON contract of <see cref="ClassifyExperimentConfig"/>.</summary>
[JsonSerializable(typeof(ClassifyExperimentConfig))]
internal sealed partial class ClassifyConfigJson : JsonSerializerContext;
