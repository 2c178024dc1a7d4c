using FreqScope.Core.Config;

namespace FreqScope.Experiments;

/// <summary>
/// Reads and validates <see cref="ImageFitExperimentConfig"/> JSON (<c>"experiment": "image-fit"</c>; see
/// <c>docs/config.md</c>). Unknown keys are errors and every problem names the source and the JSONPath.
/// </summary>
public static class ImageFitConfigLoader
{
    /// <summary>Largest number of training steps.</summary>
    public const long MaxSteps = 10_000_000;

    /// <summary>Largest generated image side.</summary>
    public const int MaxSize = 512;

    /// <summary>Parses and validates an image-fit config.</summary>
    /// <exception cref="ConfigException">The JSON is malformed, not an image-fit config, or invalid.</exception>
    public static ImageFitExperimentConfig Parse(string json, string source) =>
        ConfigLoader.ParseAny(json, source) as ImageFitExperimentConfig
        ?? throw new ConfigException(source, "$.experiment", $"expected \"{ImageFitExperimentConfig.ImageFit}\"");

    /// <summary>The resolved config as indented JSON with every value explicit; <c>Parse(ToJson(c))</c> equals c.</summary>
    public static string ToJson(ImageFitExperimentConfig config) => ImageFitConfigWriter.Write(config);

    internal static ImageFitExperimentConfig ReadRoot(ConfigNode root)
    {
        root.ExpectObject("experiment", "name", "seed", "device", "image", "model", "training", "probe");
        var (name, seed, device) = ConfigLoader.ReadHeader(root, ImageFitExperimentConfig.ImageFit);
        var image = ReadImage(root.Optional("image"));
        var model = ConfigLoader.ReadModel(root.Required("model"));
        var training = ReadTraining(root.Optional("training"));
        var probe = ReadProbe(root.Optional("probe"), training);
        return new ImageFitExperimentConfig { Name = name, Seed = seed, Device = device, Image = image, Model = model, Training = training, Probe = probe };
    }

    private static ImageSourceConfig ReadImage(ConfigNode? node)
    {
        if (node is null) return new ImageSourceConfig();
        node.ExpectObject("source", "size", "path");
        var source = node.Optional("source")?.GetChoice([ImageSourceConfig.Generated, ImageSourceConfig.Pgm]) ?? ImageSourceConfig.Generated;
        if (source == ImageSourceConfig.Generated)
        {
            if (node.Optional("path") is not null) throw node.Error("path", "applies to source \"pgm\", not \"generated\"");
            return new ImageSourceConfig { Size = ConfigLoader.Integer(node, "size", 64, v => v is >= 8 and <= MaxSize, $"an integer between 8 and {MaxSize}") };
        }

        if (node.Optional("size") is not null) throw node.Error("size", "applies to source \"generated\", not \"pgm\" (a PGM has its own size)");
        var pathNode = node.Required("path", "a pgm image needs its file");
        var path = pathNode.GetString();
        if (string.IsNullOrWhiteSpace(path)) throw pathNode.OutOfRange("a non-empty file path");
        return new ImageSourceConfig { Source = ImageSourceConfig.Pgm, Size = 0, Path = path };
    }

    private static ImageFitTrainingConfig ReadTraining(ConfigNode? node)
    {
        var d = new ImageFitTrainingConfig();
        if (node is null) return d;
        node.ExpectObject("optimizer", "learningRate", "momentum", "nesterov", "beta1", "beta2", "weightDecay", "steps", "checkpointEvery");
        var o = ConfigLoader.ReadOptimizer(node, new OptimizerKeys(d.Optimizer, d.LearningRate, d.Momentum, d.Nesterov, d.Beta1, d.Beta2, d.WeightDecay));
        long steps = ConfigLoader.Long(node, "steps", d.Steps, v => v >= 1 && v <= MaxSteps, $"an integer between 1 and {MaxSteps}");

        long checkpointEvery = ConfigLoader.Long(node, "checkpointEvery", d.CheckpointEvery, v => v >= 1, "an integer >= 1");

        return new ImageFitTrainingConfig
        {
            Optimizer = o.Optimizer,
            LearningRate = o.LearningRate,
            Momentum = o.Momentum,
            Nesterov = o.Nesterov,
            Beta1 = o.Beta1,
            Beta2 = o.Beta2,
            WeightDecay = o.WeightDecay,
            Steps = steps,
            CheckpointEvery = checkpointEvery,
        };
    }

    private static ImageFitProbeConfig ReadProbe(ConfigNode? node, ImageFitTrainingConfig training)
    {
        var d = new ImageFitProbeConfig();
        if (node is null) return d with { Every = Math.Min(d.Every, training.Steps) };
        node.ExpectObject("every", "bands", "epsilon", "snapshots");
        long every = ConfigLoader.ProbeEvery(node, Math.Min(d.Every, training.Steps), training.Steps);

        return new ImageFitProbeConfig
        {
            Every = every,
            Bands = ConfigLoader.Integer(node, "bands", d.Bands, v => v is >= 2 and <= 64, "an integer between 2 and 64"),
            Epsilon = ConfigLoader.Number(node, "epsilon", d.Epsilon, v => v is > 0 and < 1, "a number in (0, 1)"),
            Snapshots = ConfigLoader.Integer(node, "snapshots", d.Snapshots, v => v is >= 2 and <= 20, "an integer between 2 and 20"),
        };
    }
}
