using FreqScope.Data;
using FreqScope.Core.Config;
using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// Reads and validates <see cref="ClassifyExperimentConfig"/> JSON (<c>"experiment": "classify"</c>; see
/// <c>docs/config.md</c>). Same rules as <see cref="ConfigLoader"/>: unknown keys are errors and every problem names
/// the source and the JSONPath of the offending value. Use <see cref="ConfigLoader.ParseAny"/> to read either kind.
/// </summary>
public static class ClassifyConfigLoader
{

    /// <summary>Parses and validates a classify config.</summary>
    /// <exception cref="ConfigException">The JSON is malformed, not a classify config, or invalid.</exception>
    public static ClassifyExperimentConfig Parse(string json, string source) =>
        ConfigLoader.ParseAny(json, source) as ClassifyExperimentConfig
        ?? throw new ConfigException(source, "$.experiment", "expected \"classify\"");

    /// <summary>The resolved config as indented JSON with every value explicit; <c>Parse(ToJson(c))</c> equals c.</summary>
    public static string ToJson(ClassifyExperimentConfig config) => ClassifyConfigWriter.Write(config);

    internal static ClassifyExperimentConfig ReadRoot(ConfigNode root)
    {
        root.ExpectObject("experiment", "name", "seed", "device", "data", "model", "training", "probe");
        var (name, seed, device) = ConfigLoader.ReadHeader(root, ClassifyExperimentConfig.Classify);
        var data = ReadData(root.Required("data"));
        var model = ReadModel(root.Required("model"));
        var training = ReadTraining(root.Optional("training"));
        var probe = ReadProbe(root.Required("probe", "at least one of filtering and projection"));
        return new ClassifyExperimentConfig
        {
            Name = name,
            Seed = seed,
            Device = device,
            Data = data,
            Model = model,
            Training = training,
            Probe = probe,
        };
    }

    private static ImageDataConfig ReadData(ConfigNode node)
    {
        node.ExpectObject("dataset", "dir", "download", "train", "test", "normalization", "randomLabels", "imageFilter", "labelNoise");
        string? dir = null;
        if (node.OptionalOrNull("dir") is { } dirNode)
        {
            dir = dirNode.GetString();
            if (dir.Length == 0) throw dirNode.OutOfRange("a non-empty folder path, or null for the cache folder");
        }

        return new ImageDataConfig
        {
            Dataset = node.Required("dataset").GetChoice(DatasetCatalog.Names),
            Dir = dir,
            Download = node.Optional("download")?.GetBoolean() ?? false,
            Train = ReadSubset(node.Optional("train")),
            Test = ReadSubset(node.Optional("test")),
            Normalization = node.Optional("normalization")?.GetEnum<PixelNormalization>() ?? PixelNormalization.Scale01,
            RandomLabels = ConfigLoader.Number(node, "randomLabels", 0, v => v is >= 0 and <= 1, "a fraction in [0, 1]"),
            ImageFilter = node.OptionalOrNull("imageFilter") is { } filterNode ? ReadImageFilter(filterNode) : null,
            LabelNoise = node.OptionalOrNull("labelNoise") is { } noiseNode ? ReadLabelNoise(noiseNode) : null,
        };
    }

    private static LabelNoiseConfig ReadLabelNoise(ConfigNode node)
    {
        node.ExpectObject("amplitude", "frequency", "along");
        return new LabelNoiseConfig
        {
            Amplitude = ConfigLoader.RequiredNumber(node, "amplitude", v => v is > 0 and <= 0.5, "a number in (0, 0.5] (the mean flip probability)"),
            Frequency = ConfigLoader.RequiredNumber(node, "frequency", v => v >= 0 && v <= 1e6, "a number ≥ 0 (cycles over the range of the coordinate)"),
            Along = node.Optional("along")?.GetEnum<LabelNoiseCoordinate>() ?? LabelNoiseCoordinate.Radial,
        };
    }

    private static ImageFilterConfig ReadImageFilter(ConfigNode node)
    {
        node.ExpectObject("kind", "sigma");
        return new ImageFilterConfig
        {
            Kind = node.Required("kind").GetEnum<ImageFilterKind>(),
            Sigma = ConfigLoader.RequiredNumber(node, "sigma", v => v > 0 && v <= 1000, "a number in (0, 1000] (pixels)"),
        };
    }

    private static SubsetConfig ReadSubset(ConfigNode? node)
    {
        if (node is null) return new SubsetConfig();
        node.ExpectObject("count", "subset");
        int? count = null;
        if (node.OptionalOrNull("count") is { } countNode)
        {
            count = countNode.GetInt32();
            if (count < 1) throw countNode.OutOfRange("an integer >= 1, or null for the whole split");
        }

        return new SubsetConfig
        {
            Count = count,
            Subset = node.Optional("subset")?.GetEnum<SubsetKind>() ?? SubsetKind.First,
        };
    }

    private static ClassifierModelConfig ReadModel(ConfigNode node)
    {
        var kind = node.Required("kind").GetEnum<ClassifierKind>();
        var defaults = new ClassifierModelConfig { Kind = kind };
        switch (kind)
        {
            case ClassifierKind.Mlp:
                node.ExpectObject("kind", "hidden", "activation", "weightInit", "biasInit");
                return defaults with
                {
                    Hidden = node.Optional("hidden") is { } hidden ? ConfigLoader.ReadWidths(hidden) : defaults.Hidden,
                    Activation = node.Optional("activation")?.GetEnum<Activation>() ?? defaults.Activation,
                    WeightInit = ConfigLoader.ReadInit(node.Optional("weightInit")),
                    BiasInit = ConfigLoader.ReadInit(node.Optional("biasInit")),
                };
            case ClassifierKind.Vgg:
                node.ExpectObject("kind", "depth", "widthMultiplier", "batchNorm");
                return defaults with
                {
                    Depth = ConfigLoader.Integer(node, "depth", defaults.Depth, v => v is 11 or 16, "11 or 16"),
                    WidthMultiplier = ConfigLoader.Number(node, "widthMultiplier", defaults.WidthMultiplier, v => v is > 0 and <= 16, "a number in (0, 16]"),
                    BatchNorm = node.Optional("batchNorm")?.GetBoolean() ?? false,
                };
            default:
                node.ExpectObject("kind");
                return defaults;
        }
    }

    private static ClassifyTrainingConfig ReadTraining(ConfigNode? node)
    {
        var d = new ClassifyTrainingConfig();
        if (node is null) return d;
        node.ExpectObject("loss", "optimizer", "learningRate", "momentum", "nesterov", "beta1", "beta2", "weightDecay",
            "batchSize", "epochs", "schedule", "stepEpochs", "gamma", "checkpointEvery", "labelSmoothing", "mixup", "augment");
        var o = ConfigLoader.ReadOptimizer(node, new OptimizerKeys(d.Optimizer, d.LearningRate, d.Momentum, d.Nesterov, d.Beta1, d.Beta2, d.WeightDecay));

        return new ClassifyTrainingConfig
        {
            Loss = node.Optional("loss")?.GetEnum<LossKind>() ?? d.Loss,
            Optimizer = o.Optimizer,
            LearningRate = o.LearningRate,
            Momentum = o.Momentum,
            Nesterov = o.Nesterov,
            Beta1 = o.Beta1,
            Beta2 = o.Beta2,
            WeightDecay = o.WeightDecay,
            BatchSize = ConfigLoader.Integer(node, "batchSize", d.BatchSize, v => v >= 1, "an integer >= 1"),
            Epochs = ConfigLoader.Integer(node, "epochs", d.Epochs, v => v is >= 1 and <= 100_000, "an integer between 1 and 100000"),
            Schedule = node.Optional("schedule")?.GetEnum<ScheduleKind>() ?? d.Schedule,
            StepEpochs = ConfigLoader.Integer(node, "stepEpochs", d.StepEpochs, v => v >= 1, "an integer >= 1"),
            Gamma = ConfigLoader.Number(node, "gamma", d.Gamma, v => v is > 0 and <= 1, "a number in (0, 1]"),
            CheckpointEvery = ConfigLoader.Integer(node, "checkpointEvery", d.CheckpointEvery, v => v >= 1, "an integer >= 1"),
            LabelSmoothing = ConfigLoader.Number(node, "labelSmoothing", 0, v => v is >= 0 and < 1, "a number in [0, 1)"),
            Mixup = ConfigLoader.Number(node, "mixup", 0, v => v is >= 0 and <= 1000, "a number in [0, 1000] (Beta(α, α); 0 turns mixup off)"),
            Augment = ReadAugment(node.Optional("augment")),
        };
    }

    private static AugmentConfig ReadAugment(ConfigNode? node)
    {
        if (node is null) return new AugmentConfig();
        node.ExpectObject("flip", "crop", "cutout");
        return new AugmentConfig
        {
            Flip = node.Optional("flip")?.GetBoolean() ?? false,
            Crop = ConfigLoader.Integer(node, "crop", 0, v => v is >= 0 and <= 64, "an integer between 0 and 64 (pixels)"),
            Cutout = ConfigLoader.Integer(node, "cutout", 0, v => v is >= 0 and <= 256, "an integer between 0 and 256 (pixels)"),
        };
    }

    private static ClassifyProbeConfig ReadProbe(ConfigNode node)
    {
        var d = new ClassifyProbeConfig();
        node.ExpectObject("every", "evalBatchSize", "filtering", "projection", "paths");
        var filtering = node.OptionalOrNull("filtering") is { } f ? ReadFiltering(f) : null;
        var projection = node.OptionalOrNull("projection") is { } p ? ReadProjection(p) : null;
        var paths = node.OptionalOrNull("paths") is { } pathsNode ? ReadPaths(pathsNode) : null;
        if (filtering is null && projection is null && paths is null)
        {
            throw node.Error("needs \"filtering\", \"projection\" or \"paths\" (or several): a classify run measures at least one of them");
        }

        return new ClassifyProbeConfig
        {
            Every = ConfigLoader.Integer(node, "every", d.Every, v => v >= 1, "an integer >= 1"),
            EvalBatchSize = ConfigLoader.Integer(node, "evalBatchSize", d.EvalBatchSize, v => v >= 1, "an integer >= 1"),
            Filtering = filtering,
            Projection = projection,
            Paths = paths,
        };
    }

    private static PathsConfig ReadPaths(ConfigNode node)
    {
        var d = new PathsConfig();
        node.ExpectObject("within", "between", "spacing", "maxPoints", "gridPoints", "cutoff");
        var within = ConfigLoader.Integer(node, "within", d.Within, v => v is >= 0 and <= 100_000, "an integer between 0 and 100000");
        var between = ConfigLoader.Integer(node, "between", d.Between, v => v is >= 0 and <= 100_000, "an integer between 0 and 100000");
        if (within + between == 0) throw node.Error("between", "within and between are both 0; expected at least one pair");
        double? cutoff = null;
        if (node.OptionalOrNull("cutoff") is { } c)
        {
            cutoff = c.GetDouble();
            if (!(cutoff > 0)) throw c.OutOfRange("a number > 0 (cycles per unit input distance), or null for 1/(8·spacing)");
        }

        return new PathsConfig
        {
            Within = within,
            Between = between,
            Spacing = ConfigLoader.Number(node, "spacing", d.Spacing, v => v > 0, "a number > 0 (input-space distance)"),
            MaxPoints = ConfigLoader.Integer(node, "maxPoints", d.MaxPoints, v => v is >= 2 and <= 1_000_000, "an integer between 2 and 1000000"),
            GridPoints = ConfigLoader.Integer(node, "gridPoints", d.GridPoints, v => v is >= 3 and <= 100_000, "an integer between 3 and 100000"),
            Cutoff = cutoff,
        };
    }

    private static FilteringConfig ReadFiltering(ConfigNode node)
    {
        node.ExpectObject("deltas", "threshold", "samples", "cacheBudgetMiB");
        var deltasNode = node.Required("deltas");
        var items = deltasNode.Items();
        if (items.Count == 0) throw deltasNode.OutOfRange("at least one δ");
        var deltas = new List<double>();
        foreach (var item in items)
        {
            var delta = item.GetDouble();
            if (!(delta > 0)) throw item.OutOfRange("a number > 0 (δ is the kernel's variance)");
            if (deltas.Contains(delta)) throw item.Error($"{item.Display} is given twice; expected distinct δ values");
            deltas.Add(delta);
        }

        int? samples = null;
        if (node.OptionalOrNull("samples") is { } samplesNode)
        {
            samples = samplesNode.GetInt32();
            if (samples < 2) throw samplesNode.OutOfRange("an integer >= 2, or null for the whole training subset");
        }

        var d = new FilteringConfig { Deltas = deltas };
        return d with
        {
            Threshold = ConfigLoader.Number(node, "threshold", d.Threshold, v => v > 0, "a number > 0"),
            Samples = samples,
            CacheBudgetMiB = ConfigLoader.Integer(node, "cacheBudgetMiB", d.CacheBudgetMiB, v => v >= 0, "an integer >= 0 (0 never caches)"),
        };
    }

    private static ProjectionConfig ReadProjection(ConfigNode node)
    {
        var d = new ProjectionConfig();
        node.ExpectObject("direction", "frequencies", "outputComponent", "minRelativeHeight", "epsilon", "errorForm");
        var result = d;
        if (node.Optional("direction") is { } dir)
        {
            var kind = dir.Required("kind").GetEnum<DirectionKind>();
            switch (kind)
            {
                case DirectionKind.Pca:
                    dir.ExpectObject("kind", "component");
                    result = result with { Direction = kind, Component = ConfigLoader.Integer(dir, "component", 1, v => v is >= 1 and <= 100, "an integer between 1 and 100") };
                    break;
                case DirectionKind.Random:
                    dir.ExpectObject("kind", "seed");
                    result = result with { Direction = kind, DirectionSeed = dir.Optional("seed")?.GetInt64() ?? 0 };
                    break;
                default:
                    dir.ExpectObject("kind", "values");
                    var valuesNode = dir.Required("values", "kind \"vector\" needs the direction's coordinates");
                    var values = valuesNode.Items().Select(v => v.GetDouble()).ToList();
                    if (values.Count == 0 || values.All(v => v == 0)) throw valuesNode.OutOfRange("a non-zero vector with one number per input feature");
                    result = result with { Direction = kind, Vector = values };
                    break;
            }
        }

        if (node.Optional("frequencies") is { } freq)
        {
            freq.ExpectObject("count", "max");
            double? max = null;
            if (freq.OptionalOrNull("max") is { } maxNode)
            {
                max = maxNode.GetDouble();
                if (!(max > 0)) throw maxNode.OutOfRange("a number > 0, or null for 1/σ of the projected coordinates");
            }

            result = result with
            {
                FrequencyCount = ConfigLoader.Integer(freq, "count", d.FrequencyCount, v => v is >= 3 and <= 100_000, "an integer between 3 and 100000"),
                MaxFrequency = max,
            };
        }

        int? component = null;
        if (node.OptionalOrNull("outputComponent") is { } compNode)
        {
            component = compNode.GetInt32();
            if (component < 0) throw compNode.OutOfRange("a class index >= 0, or null for all classes");
        }

        return result with
        {
            OutputComponent = component,
            MinRelativeHeight = ConfigLoader.Number(node, "minRelativeHeight", d.MinRelativeHeight, v => v is >= 0 and <= 1, "a number in [0, 1]"),
            Epsilon = ConfigLoader.Number(node, "epsilon", d.Epsilon, v => v > 0, "a number > 0"),
            ErrorForm = node.Optional("errorForm")?.GetEnum<ErrorForm>() ?? d.ErrorForm,
        };
    }
}
