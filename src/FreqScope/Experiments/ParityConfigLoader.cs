using FreqScope.Core.Config;
using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// Reads and validates <see cref="ParityExperimentConfig"/> JSON (<c>"experiment": "parity"</c>; see
/// <c>docs/config.md</c>). Same rules as <see cref="ConfigLoader"/>: unknown keys are errors and every problem names
/// the source and the JSONPath of the offending value. Use <see cref="ConfigLoader.ParseAny"/> to read any kind.
/// </summary>
public static class ParityConfigLoader
{
    /// <summary>Largest dimension d.</summary>
    public const int MaxDimension = 20;

    /// <summary>Largest number of training steps.</summary>
    public const long MaxSteps = 100_000_000;

    /// <summary>Largest number of shells.</summary>
    public const int MaxRadii = 1001;

    /// <summary>Largest number of directions per shell.</summary>
    public const int MaxDirections = 65_536;

    /// <summary>Parses and validates a parity config.</summary>
    /// <exception cref="ConfigException">The JSON is malformed, not a parity config, or invalid.</exception>
    public static ParityExperimentConfig Parse(string json, string source) =>
        ConfigLoader.ParseAny(json, source) as ParityExperimentConfig
        ?? throw new ConfigException(source, "$.experiment", $"expected \"{ParityExperimentConfig.Parity}\"");

    /// <summary>The resolved config as indented JSON with every value explicit; <c>Parse(ToJson(c))</c> equals c.</summary>
    public static string ToJson(ParityExperimentConfig config) => ParityConfigWriter.Write(config);

    internal static ParityExperimentConfig ReadRoot(ConfigNode root)
    {
        root.ExpectObject("experiment", "name", "seed", "device", "data", "model", "training", "probe");
        var (name, seed, device) = ConfigLoader.ReadHeader(root, ParityExperimentConfig.Parity);
        var data = ReadData(root.Required("data"));
        var modelNode = root.Required("model");
        var model = ConfigLoader.ReadModel(modelNode);
        if (model.Encoding.Kind != InputEncodingKind.None)
            throw modelNode.Error("encoding", $"\"{JsonNames.Of(model.Encoding.Kind)}\" encodes a 1-D input; the parity MLP reads the d coordinates directly, so expected \"none\"");
        var training = ReadTraining(root.Required("training"), data);
        var probe = ReadProbe(root.Optional("probe"), data, training);
        return new ParityExperimentConfig { Name = name, Seed = seed, Device = device, Data = data, Model = model, Training = training, Probe = probe };
    }

    private static ParityDataConfig ReadData(ConfigNode node)
    {
        node.ExpectObject("dimension", "points", "trainFraction");
        int d = ConfigLoader.RequiredInteger(node, "dimension", v => v is >= 2 and <= MaxDimension, $"an integer between 2 and {MaxDimension}");
        int? points = null;
        if (node.OptionalOrNull("points") is { } pointsNode)
        {
            points = pointsNode.GetInt32();
            if (points < 4 || points > 1 << d) throw pointsNode.OutOfRange($"an integer between 4 and 2^{d} = {1 << d} (distinct vertices), or null for the whole cube");
        }

        var data = new ParityDataConfig { Dimension = d, Points = points };
        data = data with { TrainFraction = ConfigLoader.Number(node, "trainFraction", data.TrainFraction, v => v is > 0 and < 1, "a number in (0, 1)") };
        if (data.TrainCount < 1 || data.TestCount < 1)
            throw node.Error("trainFraction", $"{ConfigNode.Format(data.TrainFraction)} of {data.Count} points leaves {data.TrainCount} for training and {data.TestCount} for testing; expected both ≥ 1");
        return data;
    }

    private static ParityTrainingConfig ReadTraining(ConfigNode node, ParityDataConfig data)
    {
        var d = new ParityTrainingConfig { Steps = 1 };
        node.ExpectObject("optimizer", "learningRate", "momentum", "nesterov", "beta1", "beta2", "weightDecay", "batchSize", "steps", "checkpointEvery");
        var o = ConfigLoader.ReadOptimizer(node, new OptimizerKeys(d.Optimizer, d.LearningRate, d.Momentum, d.Nesterov, d.Beta1, d.Beta2, d.WeightDecay));
        int? batch = null;
        if (node.OptionalOrNull("batchSize") is { } batchNode)
        {
            batch = batchNode.GetInt32();
            if (batch < 1 || batch > data.TrainCount) throw batchNode.OutOfRange($"an integer between 1 and the {data.TrainCount} training points, or null for full batch");
        }

        var steps = ConfigLoader.RequiredLong(node, "steps", v => v >= 1 && v <= MaxSteps, $"an integer between 1 and {MaxSteps}");
        long checkpointEvery = ConfigLoader.Long(node, "checkpointEvery", d.CheckpointEvery, v => v >= 1, "an integer >= 1");

        return new ParityTrainingConfig
        {
            Optimizer = o.Optimizer,
            LearningRate = o.LearningRate,
            Momentum = o.Momentum,
            Nesterov = o.Nesterov,
            Beta1 = o.Beta1,
            Beta2 = o.Beta2,
            WeightDecay = o.WeightDecay,
            BatchSize = batch,
            Steps = steps,
            CheckpointEvery = checkpointEvery,
        };
    }

    private static ParityProbeConfig ReadProbe(ConfigNode? node, ParityDataConfig data, ParityTrainingConfig training)
    {
        var defaults = new ParityProbeConfig { MaxRadius = Math.Sqrt(data.Dimension) * Math.PI };
        if (node is null) return defaults with { Every = Math.Min(defaults.Every, training.Steps) };
        node.ExpectObject("every", "maxRadius", "radii", "directions", "targetDirections", "bands", "epsilon");
        long every = ConfigLoader.ProbeEvery(node, Math.Min(defaults.Every, training.Steps), training.Steps);

        int radii = ConfigLoader.Integer(node, "radii", defaults.Radii, v => v is >= 3 and <= MaxRadii, $"an integer between 3 and {MaxRadii}");
        return new ParityProbeConfig
        {
            Every = every,
            MaxRadius = ConfigLoader.Number(node, "maxRadius", defaults.MaxRadius, v => v > 0 && double.IsFinite(v), "a number > 0 (radians per unit of x)"),
            Radii = radii,
            Directions = ConfigLoader.Integer(node, "directions", defaults.Directions, v => v is >= 1 and <= MaxDirections, $"an integer between 1 and {MaxDirections}"),
            TargetDirections = ConfigLoader.Integer(node, "targetDirections", defaults.TargetDirections, v => v is >= 1 and <= MaxDirections, $"an integer between 1 and {MaxDirections}"),
            Bands = ConfigLoader.Integer(node, "bands", defaults.Bands, v => v >= 2 && v <= radii, $"an integer between 2 and probe.radii = {radii}"),
            Epsilon = ConfigLoader.Number(node, "epsilon", defaults.Epsilon, v => v is > 0 and < 1, "a number in (0, 1)"),
        };
    }
}
