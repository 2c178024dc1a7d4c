using FreqScope.Models;
using FreqScope.Theory;
using FreqScope.Core.Config;
using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// Reads and validates <see cref="FourierExperimentConfig"/> JSON (<c>"experiment": "fourier-features"</c>; see
/// <c>docs/config.md</c>). Same rules as <see cref="ConfigLoader"/>: unknown keys are errors and every problem names
/// the source and the JSONPath of the offending value. Use <see cref="ConfigLoader.ParseAny"/> to read any kind.
/// </summary>
public static class FourierConfigLoader
{
    /// <summary>Largest number of training points.</summary>
    public const int MaxPoints = 100_000;

    /// <summary>Largest network width.</summary>
    public const int MaxWidth = 1_000_000;

    /// <summary>Largest number of frequency nodes.</summary>
    public const int MaxNodes = 20_001;

    /// <summary>Largest number of training steps.</summary>
    public const long MaxSteps = 100_000_000;

    /// <summary>Parses and validates a fourier-features config.</summary>
    /// <exception cref="ConfigException">The JSON is malformed, not a fourier-features config, or invalid.</exception>
    public static FourierExperimentConfig Parse(string json, string source) =>
        ConfigLoader.ParseAny(json, source) as FourierExperimentConfig
        ?? throw new ConfigException(source, "$.experiment", $"expected \"{FourierExperimentConfig.FourierFeatures}\"");

    /// <summary>The resolved config as indented JSON with every value explicit; <c>Parse(ToJson(c))</c> equals c.</summary>
    public static string ToJson(FourierExperimentConfig config) => FourierConfigWriter.Write(config);

    internal static FourierExperimentConfig ReadRoot(ConfigNode root)
    {
        root.ExpectObject("experiment", "name", "seed", "device", "target", "data", "network", "training", "probe", "pde");
        var (name, seed, device) = ConfigLoader.ReadHeader(root, FourierExperimentConfig.FourierFeatures);
        var target = ConfigLoader.ReadAnalyticTarget(root, FourierExperimentConfig.FourierFeatures);
        var data = ReadData(root.Required("data"));
        var network = ReadNetwork(root.Required("network"));
        var training = ReadTraining(root.Required("training"));
        var probe = ReadProbe(root.Optional("probe"), training);
        var pdeNode = root.OptionalOrNull("pde");
        var pde = pdeNode is null ? null : ReadPde(pdeNode);
        return new FourierExperimentConfig
        {
            Name = name,
            Seed = seed,
            Device = device,
            Target = target,
            Data = data,
            Network = network,
            Training = training,
            Probe = probe,
            Pde = pde,
        };
    }

    private static FourierDataConfig ReadData(ConfigNode node)
    {
        node.ExpectObject("domain", "points", "envelope");
        double min = -10, max = 10;
        if (node.Optional("domain") is { } domainNode) (min, max) = ConfigLoader.ReadDomain(domainNode);

        var points = ConfigLoader.RequiredInteger(node, "points", v => v is >= 4 and <= MaxPoints, $"an integer between 4 and {MaxPoints}");
        double? envelope = null;
        if (node.OptionalOrNull("envelope") is { } envelopeNode)
        {
            envelope = envelopeNode.GetDouble();
            if (!(envelope > 0) || !double.IsFinite(envelope.Value)) throw envelopeNode.OutOfRange("a width > 0 (units of x), or null for no envelope");
        }

        return new FourierDataConfig { Min = min, Max = max, Points = points, Envelope = envelope };
    }

    private static FourierNetworkConfig ReadNetwork(ConfigNode node)
    {
        node.ExpectObject("width", "density", "sigmaA", "trainFrequencies", "stratified", "outputBias", "subtractInitialOutput");
        return new FourierNetworkConfig
        {
            Width = ConfigLoader.RequiredInteger(node, "width", v => v is >= 1 and <= MaxWidth, $"an integer between 1 and {MaxWidth}"),
            Density = ReadDensity(node.Required("density")),
            SigmaA = ConfigLoader.Number(node, "sigmaA", 0.1, v => v > 0 && double.IsFinite(v), "a number > 0"),
            TrainFrequencies = node.Optional("trainFrequencies")?.GetBoolean() ?? false,
            Stratified = node.Optional("stratified")?.GetBoolean() ?? true,
            OutputBias = node.Optional("outputBias")?.GetBoolean() ?? false,
            SubtractInitialOutput = node.Optional("subtractInitialOutput")?.GetBoolean() ?? false,
        };
    }

    /// <summary>
    /// A density object: <c>kind</c> (gaussian, uniform, laplace, increasing, table), <c>frequencyUnit</c>
    /// (angular or cycles), and the kind's parameters: <c>scale</c> (gaussian, laplace), <c>cutoff</c> (uniform,
    /// increasing), <c>power</c> (increasing), <c>points</c> and <c>weights</c> (table).
    /// </summary>
    internal static FrequencyDensityConfig ReadDensity(ConfigNode node)
    {
        node.ExpectObject("kind", "frequencyUnit", "scale", "cutoff", "power", "points", "weights");
        var kindNode = node.Required("kind");
        var kind = kindNode.GetEnum<FrequencyDensityKind>();
        var unit = node.Optional("frequencyUnit")?.GetEnum<FrequencyUnit>() ?? FrequencyUnit.Angular;
        var owners = new (string Key, FrequencyDensityKind[] Kinds)[]
        {
            ("scale", [FrequencyDensityKind.Gaussian, FrequencyDensityKind.Laplace]),
            ("cutoff", [FrequencyDensityKind.Uniform, FrequencyDensityKind.Increasing]),
            ("power", [FrequencyDensityKind.Increasing]),
            ("points", [FrequencyDensityKind.Table]),
            ("weights", [FrequencyDensityKind.Table]),
        };
        foreach (var (key, kinds) in owners)
        {
            if (!kinds.Contains(kind) && node.Optional(key) is not null)
                throw node.Error(key, $"applies to kind {string.Join(" and ", kinds.Select(k => $"\"{JsonNames.Of(k)}\""))}, not \"{JsonNames.Of(kind)}\"");
        }

        const string positive = "a number > 0";
        switch (kind)
        {
            case FrequencyDensityKind.Gaussian:
            case FrequencyDensityKind.Laplace:
                return new FrequencyDensityConfig { Kind = kind, FrequencyUnit = unit, Scale = ConfigLoader.RequiredNumber(node, "scale", v => v > 0 && double.IsFinite(v), positive) };
            case FrequencyDensityKind.Uniform:
                return new FrequencyDensityConfig { Kind = kind, FrequencyUnit = unit, Scale = ConfigLoader.RequiredNumber(node, "cutoff", v => v > 0 && double.IsFinite(v), positive) };
            case FrequencyDensityKind.Increasing:
                return new FrequencyDensityConfig
                {
                    Kind = kind,
                    FrequencyUnit = unit,
                    Scale = ConfigLoader.RequiredNumber(node, "cutoff", v => v > 0 && double.IsFinite(v), positive),
                    Power = ConfigLoader.RequiredNumber(node, "power", v => v > 0 && double.IsFinite(v), "a number > 0 (the density grows like |w|^power)"),
                };
            default:
                var pointsNode = node.Required("points", "a table needs its |w| grid");
                var weightsNode = node.Required("weights", "a table needs one density value per point");
                var points = pointsNode.Items().Select(i => i.GetDouble()).ToArray();
                var weights = weightsNode.Items().Select(i => i.GetDouble()).ToArray();
                if (points.Length < 2) throw pointsNode.OutOfRange("at least 2 points");
                if (weights.Length != points.Length) throw weightsNode.OutOfRange($"one weight per point ({points.Length})");
                for (int i = 0; i < points.Length; i++)
                {
                    if (!(points[i] >= 0) || !double.IsFinite(points[i]) || (i > 0 && !(points[i] > points[i - 1])))
                        throw pointsNode.Error($"points[{i}] = {ConfigNode.Format(points[i])} is out of range; expected finite |w| ≥ 0, strictly increasing");
                    if (!(weights[i] >= 0) || !double.IsFinite(weights[i]))
                        throw weightsNode.Error($"weights[{i}] = {ConfigNode.Format(weights[i])} is out of range; expected a finite number ≥ 0");
                }

                if (weights.All(v => v == 0)) throw weightsNode.OutOfRange("at least one weight > 0");
                return new FrequencyDensityConfig { Kind = kind, FrequencyUnit = unit, Points = points, Weights = weights };
        }
    }

    private static FourierTrainingConfig ReadTraining(ConfigNode node)
    {
        node.ExpectObject("learningRate", "steps", "checkpointEvery");
        var steps = ConfigLoader.RequiredLong(node, "steps", v => v >= 1 && v <= MaxSteps, $"an integer between 1 and {MaxSteps}");
        long checkpointEvery = ConfigLoader.Long(node, "checkpointEvery", 1000, v => v >= 1, "an integer >= 1");

        return new FourierTrainingConfig
        {
            LearningRate = ConfigLoader.RequiredNumber(node, "learningRate", v => v > 0 && double.IsFinite(v), "a number > 0"),
            Steps = steps,
            CheckpointEvery = checkpointEvery,
        };
    }

    private static FourierProbeConfig ReadProbe(ConfigNode? node, FourierTrainingConfig training)
    {
        var defaults = new FourierProbeConfig();
        if (node is null) return defaults;
        node.ExpectObject("every", "maxFrequency", "nodes", "epsilon", "peakThreshold");
        long every = ConfigLoader.ProbeEvery(node, defaults.Every, training.Steps);

        return new FourierProbeConfig
        {
            Every = every,
            MaxFrequency = ConfigLoader.Number(node, "maxFrequency", defaults.MaxFrequency, v => v > 0 && double.IsFinite(v), "a number > 0 (cycles per unit of x)"),
            Nodes = ConfigLoader.Integer(node, "nodes", defaults.Nodes, v => v is >= 11 and <= MaxNodes && v % 2 == 1, $"an odd integer between 11 and {MaxNodes} (ξ = 0 is the middle node)"),
            Epsilon = ConfigLoader.Number(node, "epsilon", defaults.Epsilon, v => v is > 0 and < 1, "a number in (0, 1)"),
            PeakThreshold = ConfigLoader.Number(node, "peakThreshold", defaults.PeakThreshold, v => v is >= 0 and <= 1, "a number in [0, 1]"),
        };
    }

    private static FrequencyPdeConfig ReadPde(ConfigNode node)
    {
        node.ExpectObject("scheme", "timeStep", "lumpedMass");
        return new FrequencyPdeConfig
        {
            Scheme = node.Optional("scheme")?.GetEnum<TimeScheme>() ?? TimeScheme.CrankNicolson,
            TimeStep = ConfigLoader.Number(node, "timeStep", 1, v => v > 0 && double.IsFinite(v), "a number > 0 (gradient-descent steps)"),
            LumpedMass = node.Optional("lumpedMass")?.GetBoolean() ?? false,
        };
    }
}
