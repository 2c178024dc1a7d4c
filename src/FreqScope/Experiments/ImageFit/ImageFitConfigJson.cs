using System.Text.Json.Serialization;

namespace FreqScope.Experiments.ImageFit;

/// <summary>The source-generated JSON contract of <see cref="ImageFitExperimentConfig"/>.</summary>
[JsonSerializable(typeof(ImageFitExperimentConfig))]
internal sealed partial class ImageFitConfigJson : JsonSerializerContext;
