using FreqScope.Core.Config;

namespace FreqScope.Experiments;

/// <summary>
/// Reads and validates <see cref="NtkExperimentConfig"/> JSON (<c>"experiment": "ntk"</c>; see <c>docs/config.md</c>).
/// Same rules as <see cref="ConfigLoader"/>: unknown keys are errors and every problem names the source, the JSONPath
/// of the offending value, the value and what was expected. <c>target</c> and <c>model</c> are read as in fit1d. Use
/// <see cref="ConfigLoader.ParseAny"/> to read any kind.
/// </summary>
public static class NtkConfigLoader
{
    /// <summary>Largest number of training points: the kernel is n×n float64 (4000² · 8 bytes = 128 MB).</summary>
    public const int MaxTrainCount = 4000;

    /// <summary>Largest number of test points: the cross kernel Θ₀(x*, X) is m×n float64 (10 000 × 4000 · 8 bytes = 320 MB).</summary>
    public const int MaxTestCount = 10_000;

    /// <summary>Largest number of steps.</summary>
    public const long MaxSteps = 10_000_000;

    /// <summary>Parses and validates an ntk config.</summary>
    /// <exception cref="ConfigException">The JSON is malformed, not an ntk config, or invalid.</exception>
    public static NtkExperimentConfig Parse(string json, string source) =>
        ConfigLoader.ParseAny(json, source) as NtkExperimentConfig
        ?? throw new ConfigException(source, "$.experiment", "expected \"ntk\"");

    /// <summary>The resolved config as indented JSON with every value explicit; <c>Parse(ToJson(c))</c> equals c.</summary>
    public static string ToJson(NtkExperimentConfig config) => NtkConfigWriter.Write(config);

    internal static NtkExperimentConfig ReadRoot(ConfigNode root)
    {
        root.ExpectObject("experiment", "name", "seed", "device", "target", "data", "model", "training", "probe");
        var (name, seed, device) = ConfigLoader.ReadHeader(root, NtkExperimentConfig.Ntk);
        var target = ConfigLoader.ReadAnalyticTarget(root, NtkExperimentConfig.Ntk);
        var data = ReadData(root.Required("data"));
        var model = ConfigLoader.ReadModel(root.Required("model"));
        var training = ReadTraining(root.Optional("training"));
        var probe = ReadProbe(root.Optional("probe"), data);
        return new NtkExperimentConfig
        {
            Name = name,
            Seed = seed,
            Device = device,
            Target = target,
            Data = data,
            Model = model,
            Training = training,
            Probe = probe,
        };
    }

    private static NtkDataConfig ReadData(ConfigNode node)
    {
        node.ExpectObject("domain", "trainCount", "includeEndpoint", "testCount");
        var (min, max) = ConfigLoader.ReadDomain(node.Required("domain"));
        return new NtkDataConfig
        {
            DomainMin = min,
            DomainMax = max,
            TrainCount = ConfigLoader.RequiredInteger(node, "trainCount", v => v is >= 2 and <= MaxTrainCount,
                $"an integer between 2 and {MaxTrainCount} (the NTK is n×n)"),
            IncludeEndpoint = node.Optional("includeEndpoint")?.GetBoolean() ?? false,
            TestCount = ConfigLoader.Integer(node, "testCount", 0, v => v is 0 or (>= 2 and <= MaxTestCount),
                $"0 (no test points) or an integer between 2 and {MaxTestCount}"),
        };
    }

    private static NtkTrainingConfig ReadTraining(ConfigNode? node)
    {
        var d = new NtkTrainingConfig();
        if (node is null) return d;
        node.ExpectObject("learningRate", "steps");
        long steps = ConfigLoader.Long(node, "steps", d.Steps, v => v is >= 1 and <= MaxSteps, $"an integer between 1 and {MaxSteps}");

        return new NtkTrainingConfig
        {
            LearningRate = ConfigLoader.Number(node, "learningRate", d.LearningRate, v => v > 0 && double.IsFinite(v), "a finite number > 0"),
            Steps = steps,
        };
    }

    private static NtkProbeConfig ReadProbe(ConfigNode? node, NtkDataConfig data)
    {
        var d = new NtkProbeConfig();
        if (node is null) return d with { Eigenvectors = Math.Min(d.Eigenvectors, data.TrainCount) };
        node.ExpectObject("every", "eigenvectors", "snapshots", "ntkBatchSize");
        return new NtkProbeConfig
        {
            Every = ConfigLoader.Integer(node, "every", d.Every, v => v >= 1, "an integer >= 1"),
            Eigenvectors = ConfigLoader.Integer(node, "eigenvectors", Math.Min(d.Eigenvectors, data.TrainCount), v => v >= 1 && v <= data.TrainCount,
                $"an integer between 1 and data.trainCount = {data.TrainCount}"),
            Snapshots = ConfigLoader.Integer(node, "snapshots", d.Snapshots, v => v >= 2, "an integer >= 2"),
            NtkBatchSize = ConfigLoader.Integer(node, "ntkBatchSize", d.NtkBatchSize, v => v >= 2, "an integer >= 2"),
        };
    }
}
