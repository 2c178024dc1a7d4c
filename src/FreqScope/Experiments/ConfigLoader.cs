using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using FreqScope.Core.Config;
using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// Reads, validates and writes <see cref="FitExperimentConfig"/> JSON (camelCase keys; see <c>docs/config.md</c>).
/// Every problem is a <see cref="ConfigException"/> naming the source and the JSONPath of the offending value;
/// unknown keys are errors. Comments and trailing commas are tolerated.
/// </summary>
public static partial class ConfigLoader
{
    /// <summary>Logical name of the embedded default config (<c>experiments/fprinciple-1d.json</c>).</summary>
    public const string DefaultResourceName = "FreqScope.Defaults.fprinciple-1d.json";

    /// <summary>Largest training grid.</summary>
    public const int MaxTrainCount = 10_000_000;

    /// <summary>Largest number of hidden layers.</summary>
    public const int MaxHiddenLayers = 64;

    /// <summary>Allowed values of <see cref="FitExperimentConfig.Device"/>.</summary>
    public static IReadOnlyList<string> Devices { get; } = ["cpu", "cuda", "auto"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses and validates <paramref name="json"/>; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="ConfigException">The JSON is malformed or the config is invalid.</exception>
    public static FitExperimentConfig Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        using var document = ParseDocument(json, source);
        return ReadRoot(ConfigNode.Root(source, document.RootElement));
    }

    private static JsonDocument ParseDocument(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            var detail = e.Message;
            var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) detail = detail[..cut].TrimEnd();
            throw new ConfigException(source, "$", $"invalid JSON at line {line}, position {position}: {detail}", e);
        }
    }

    /// <summary>Reads and validates the config file at <paramref name="path"/> (the path is the message's source).</summary>
    /// <exception cref="ConfigException">The file is missing or unreadable, the JSON is malformed or the config is invalid.</exception>
    public static FitExperimentConfig LoadFile(string path) => Parse(ReadFileText(path), path);

    private static string ReadFileText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigException(path, "$", $"file not found (full path: {System.IO.Path.GetFullPath(path)})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, "$", "cannot read the file: " + e.Message, e);
        }
    }

    /// <summary>The built-in default experiment (<c>experiments/fprinciple-1d.json</c>, embedded in the assembly).</summary>
    public static FitExperimentConfig LoadDefault()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultResourceName} is missing from {typeof(ConfigLoader).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "<default: fprinciple-1d.json>");
    }

    /// <summary>
    /// The resolved config as indented JSON with every value explicit (enums as their JSON names, absent optional
    /// values as null), such that <c>Parse(ToJson(c), s)</c> equals <paramref name="config"/> for any valid config.
    /// </summary>
    public static string ToJson(FitExperimentConfig config) => ConfigWriter.Write(config);

    private static FitExperimentConfig ReadRoot(ConfigNode root)
    {
        if (root.Element.ValueKind != JsonValueKind.Object) throw root.WrongType("an object");

        // Checked before the keys, so that a sweep or another experiment's config gets this message rather than "unknown key".
        if (root.Optional(SweepSpec.Key) is not null)
            throw root.Error(SweepSpec.Key, "this config is a sweep; run it with freqscope sweep (or expand it with SweepSpec.Parse)");
        var experiment = root.Optional("experiment")?.GetChoice(Experiments) ?? FitExperimentConfig.Fit1d;
        if (experiment != FitExperimentConfig.Fit1d)
        {
            throw root.Error("experiment", $"\"{experiment}\" is not a fit1d config; read it with ConfigLoader.ParseAny / LoadAnyFile");
        }
        root.ExpectObject("experiment", "name", "seed", "device", "target", "data", "model", "training", "probe");

        var (name, seed, device) = ReadHeader(root, FitExperimentConfig.Fit1d);
        var target = ReadTarget(root.Required("target"));
        var data = ReadData(root.Required("data"));
        var model = ReadModel(root.Required("model"));
        var training = ReadTraining(root.Optional("training"), data);
        var probe = ReadProbe(root.Optional("probe"), data);

        return new FitExperimentConfig
        {
            Experiment = experiment,
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

    /// <summary>An interval <c>[min, max]</c>: two finite numbers with min &lt; max.</summary>
    internal static (double Min, double Max) ReadDomain(ConfigNode domainNode)
    {
        var ends = domainNode.Items();
        if (ends.Count != 2) throw domainNode.OutOfRange("[min, max], two numbers");
        var min = ends[0].GetDouble();
        var max = ends[1].GetDouble();
        if (!(min < max))
            throw domainNode.Error($"[{ConfigNode.Format(min)}, {ConfigNode.Format(max)}] is out of range; expected [min, max] with min < max");
        return (min, max);
    }

    /// <summary>
    /// The <c>target</c> of an experiment that evaluates it anywhere (not only at sampled points): any kind but
    /// <c>csv</c>.
    /// </summary>
    internal static TargetConfig ReadAnalyticTarget(ConfigNode root, string experiment)
    {
        var node = root.Required("target");
        var target = ReadTarget(node);
        if (target.Kind == TargetKind.Csv)
            throw node.Error("kind", $"\"csv\" is not available in {experiment} experiments; expected an analytic target: \"sinusoids\", \"square\", \"sawtooth\" or \"gaussianBumps\"");
        return target;
    }

    internal static TargetConfig ReadTarget(ConfigNode node)
    {
        node.ExpectObject("kind", "frequencyUnit", "terms", "frequency", "amplitude", "phase", "bumps", "csvPath", "csvXColumn", "csvYColumn");
        var kind = node.Required("kind").GetEnum<TargetKind>();
        var kindName = $"\"{JsonNames.Of(kind)}\"";
        var unit = node.Optional("frequencyUnit")?.GetEnum<FrequencyUnit>() ?? FrequencyUnit.Angular;

        var terms = new List<SinusoidTerm>();
        var termsNode = kind == TargetKind.Sinusoids ? node.Required("terms", $"kind {kindName} needs at least one term") : node.Optional("terms");
        if (termsNode is not null)
        {
            var items = termsNode.Items();
            if (kind == TargetKind.Sinusoids && items.Count == 0) throw termsNode.OutOfRange("at least one term");
            foreach (var item in items)
            {
                item.ExpectObject("amplitude", "frequency", "phase");
                terms.Add(new SinusoidTerm(
                    Number(item, "amplitude", 1),
                    item.Required("frequency").GetDouble(),
                    Number(item, "phase", 0)));
            }
        }

        double frequency = 0;
        if (kind is TargetKind.Square or TargetKind.Sawtooth)
        {
            frequency = RequiredNumber(node, "frequency", v => v > 0, "a number > 0", $"kind {kindName} needs a frequency");
        }
        else if (node.Optional("frequency") is { } frequencyNode)
        {
            frequency = frequencyNode.GetDouble();
        }

        var bumps = new List<GaussianBump>();
        var bumpsNode = kind == TargetKind.GaussianBumps ? node.Required("bumps", $"kind {kindName} needs at least one bump") : node.Optional("bumps");
        if (bumpsNode is not null)
        {
            var items = bumpsNode.Items();
            if (kind == TargetKind.GaussianBumps && items.Count == 0) throw bumpsNode.OutOfRange("at least one bump");
            foreach (var item in items)
            {
                item.ExpectObject("center", "width", "amplitude");
                bumps.Add(new GaussianBump(
                    item.Required("center").GetDouble(),
                    RequiredNumber(item, "width", v => v > 0, "a number > 0"),
                    Number(item, "amplitude", 1)));
            }
        }

        string? csvPath = null;
        var csvNode = kind == TargetKind.Csv ? node.Required("csvPath", $"kind {kindName} needs a file") : node.OptionalOrNull("csvPath");
        if (csvNode is not null)
        {
            csvPath = csvNode.GetString();
            if (csvPath.Length == 0) throw csvNode.OutOfRange("a non-empty file path");
        }

        return new TargetConfig
        {
            Kind = kind,
            FrequencyUnit = unit,
            Terms = terms,
            Frequency = frequency,
            Amplitude = Number(node, "amplitude", 1),
            Phase = Number(node, "phase", 0),
            Bumps = bumps,
            CsvPath = csvPath,
            CsvXColumn = NonEmptyString(node, "csvXColumn", "x"),
            CsvYColumn = NonEmptyString(node, "csvYColumn", "y"),
        };
    }

    private static DataConfig ReadData(ConfigNode node)
    {
        node.ExpectObject("domain", "train", "eval");
        var (min, max) = ReadDomain(node.Required("domain"));

        var trainNode = node.Required("train");
        trainNode.ExpectObject("sampling", "count", "includeEndpoint");
        var train = new TrainGridConfig
        {
            Sampling = trainNode.Optional("sampling")?.GetEnum<Sampling>() ?? Sampling.Uniform,
            Count = RequiredInteger(trainNode, "count", v => v is >= 2 and <= MaxTrainCount, $"an integer between 2 and {MaxTrainCount}"),
            IncludeEndpoint = trainNode.Optional("includeEndpoint")?.GetBoolean() ?? true,
        };

        var eval = EvalGridConfig.DefaultFor(train);
        if (node.Optional("eval") is { } evalNode)
        {
            evalNode.ExpectObject("count", "includeEndpoint");
            eval = new EvalGridConfig
            {
                Count = Integer(evalNode, "count", eval.Count, v => v >= 2, "an integer >= 2"),
                IncludeEndpoint = evalNode.Optional("includeEndpoint")?.GetBoolean() ?? eval.IncludeEndpoint,
            };
        }

        return new DataConfig { DomainMin = min, DomainMax = max, Train = train, Eval = eval };
    }

    internal static ModelConfig ReadModel(ConfigNode node)
    {
        node.ExpectObject("hidden", "activation", "weightInit", "biasInit", "encoding");
        var hidden = ReadWidths(node.Required("hidden"));
        return new ModelConfig
        {
            Hidden = hidden,
            Activation = node.Optional("activation")?.GetEnum<Activation>() ?? Activation.Tanh,
            WeightInit = ReadInit(node.Optional("weightInit")),
            BiasInit = ReadInit(node.Optional("biasInit")),
            Encoding = ReadEncoding(node.Optional("encoding")),
        };
    }

    /// <summary>
    /// An encoding object: <c>kind</c> (none, basic, positional, gaussian) and the kind's parameters: <c>levels</c> and
    /// <c>scale</c> (positional), <c>features</c> and <c>scale</c> (gaussian).
    /// </summary>
    internal static EncodingConfig ReadEncoding(ConfigNode? node)
    {
        if (node is null) return new EncodingConfig();
        node.ExpectObject("kind", "levels", "scale", "features");
        var kind = node.Required("kind").GetEnum<InputEncodingKind>();
        var owners = new (string Key, InputEncodingKind[] Kinds)[]
        {
            ("levels", [InputEncodingKind.Positional]),
            ("scale", [InputEncodingKind.Positional, InputEncodingKind.Gaussian]),
            ("features", [InputEncodingKind.Gaussian]),
        };
        foreach (var (key, kinds) in owners)
        {
            if (!kinds.Contains(kind) && node.Optional(key) is not null)
                throw node.Error(key, $"applies to kind {string.Join(" and ", kinds.Select(k => $"\"{JsonNames.Of(k)}\""))}, not \"{JsonNames.Of(kind)}\"");
        }

        return kind switch
        {
            InputEncodingKind.Positional => new EncodingConfig
            {
                Kind = kind,
                Levels = RequiredInteger(node, "levels", v => v is >= 1 and <= 64, "an integer between 1 and 64"),
                Scale = RequiredNumber(node, "scale", v => v > 0 && double.IsFinite(v), "a number > 0 (cycles per unit of x)"),
            },
            InputEncodingKind.Gaussian => new EncodingConfig
            {
                Kind = kind,
                Features = RequiredInteger(node, "features", v => v is >= 1 and <= 100_000, "an integer between 1 and 100000"),
                Scale = RequiredNumber(node, "scale", v => v > 0 && double.IsFinite(v), "a number > 0 (cycles per unit of x)"),
            },
            _ => new EncodingConfig { Kind = kind },
        };
    }

    /// <summary>
    /// The optimizer keys of a training object: <c>optimizer</c>, <c>learningRate</c> (&gt; 0), <c>momentum</c> (in
    /// [0, 1)), <c>nesterov</c> (default false; requires SGD with momentum &gt; 0), <c>beta1</c> and <c>beta2</c> (in
    /// [0, 1)) and <c>weightDecay</c> (≥ 0), each defaulting to <paramref name="defaults"/>.
    /// </summary>
    internal static OptimizerKeys ReadOptimizer(ConfigNode node, OptimizerKeys defaults)
    {
        var (optimizer, momentum, nesterov) = ReadOptimizerMomentum(node, defaults.Optimizer, defaults.Momentum);
        return new OptimizerKeys(
            optimizer,
            Number(node, "learningRate", defaults.LearningRate, v => v > 0, "a number > 0"),
            momentum,
            nesterov,
            Number(node, "beta1", defaults.Beta1, v => v is >= 0 and < 1, "a number in [0, 1)"),
            Number(node, "beta2", defaults.Beta2, v => v is >= 0 and < 1, "a number in [0, 1)"),
            Number(node, "weightDecay", defaults.WeightDecay, v => v >= 0, "a number >= 0"));
    }

    private static (OptimizerKind Optimizer, double Momentum, bool Nesterov) ReadOptimizerMomentum(
        ConfigNode node, OptimizerKind defaultOptimizer, double defaultMomentum)
    {
        var optimizer = node.Optional("optimizer")?.GetEnum<OptimizerKind>() ?? defaultOptimizer;
        var momentum = Number(node, "momentum", defaultMomentum, v => v is >= 0 and < 1, "a number in [0, 1)");
        var nesterov = false;
        if (node.Optional("nesterov") is { } nesterovNode)
        {
            nesterov = nesterovNode.GetBoolean();
            if (nesterov && (optimizer != OptimizerKind.Sgd || momentum <= 0))
            {
                throw nesterovNode.Error("true requires optimizer \"sgd\" with momentum > 0 (optimizer is "
                    + $"\"{JsonNames.Of(optimizer)}\", momentum {ConfigNode.Format(momentum)})");
            }
        }

        return (optimizer, momentum, nesterov);
    }

    /// <summary>Hidden layer widths: 1 to <see cref="MaxHiddenLayers"/> integers, each ≥ 1.</summary>
    internal static List<int> ReadWidths(ConfigNode hiddenNode)
    {
        var items = hiddenNode.Items();
        if (items.Count is 0 or > MaxHiddenLayers) throw hiddenNode.OutOfRange($"1 to {MaxHiddenLayers} layer widths");
        var hidden = new List<int>(items.Count);
        foreach (var item in items)
        {
            var width = item.GetInt32();
            if (width < 1) throw item.OutOfRange("an integer >= 1");
            hidden.Add(width);
        }

        return hidden;
    }

    internal static InitConfig ReadInit(ConfigNode? node)
    {
        if (node is null) return new InitConfig();
        node.ExpectObject("distribution", "std", "scale", "gain");
        var distribution = node.Optional("distribution")?.GetEnum<InitDistribution>() ?? InitDistribution.Default;
        var name = $"\"{JsonNames.Of(distribution)}\"";
        var stdNode = node.Optional("std");
        var scaleNode = node.Optional("scale");
        double? std = null, m = null, t = null;

        if (distribution is InitDistribution.Normal or InitDistribution.Uniform)
        {
            if (stdNode is not null && scaleNode is not null) throw node.Error($"distribution {name} takes exactly one of std and scale, not both");
            if (stdNode is null && scaleNode is null) throw node.Error($"distribution {name} requires std or scale ({{\"m\": ..., \"t\": ...}} meaning std = m^(-t))");
            if (stdNode is not null)
            {
                std = stdNode.GetDouble();
                if (!(std > 0)) throw stdNode.OutOfRange("a number > 0");
            }
            else
            {
                scaleNode!.ExpectObject("m", "t");
                m = RequiredNumber(scaleNode, "m", v => v > 0, "a number > 0");
                t = scaleNode.Required("t").GetDouble();
                var resolved = Math.Pow(m.Value, -t.Value);
                if (!double.IsFinite(resolved) || resolved <= 0) throw scaleNode.Error($"std = m^(-t) = {ConfigNode.Format(resolved)} is out of range; expected a finite number > 0");
            }
        }
        else
        {
            if (stdNode is not null) throw stdNode.Error($"std is only allowed with distribution \"normal\" or \"uniform\", not {name}");
            if (scaleNode is not null) throw scaleNode.Error($"scale is only allowed with distribution \"normal\" or \"uniform\", not {name}");
        }

        double gain = 1;
        if (node.Optional("gain") is { } gainNode)
        {
            gain = gainNode.GetDouble();
            if (!(gain > 0)) throw gainNode.OutOfRange("a number > 0");
            var scaled = distribution is InitDistribution.XavierNormal or InitDistribution.XavierUniform
                or InitDistribution.KaimingNormal or InitDistribution.KaimingUniform;
            if (!scaled && gain != 1)
            {
                throw gainNode.Error($"{gainNode.Display} is not allowed with distribution {name}; gain applies only to xavierNormal, xavierUniform, kaimingNormal, kaimingUniform (use 1 or leave it out)");
            }
        }

        return new InitConfig { Distribution = distribution, Std = std, ScaleM = m, ScaleT = t, Gain = gain };
    }

    private static TrainingConfig ReadTraining(ConfigNode? node, DataConfig data)
    {
        var defaults = new TrainingConfig();
        if (node is null) return defaults;
        node.ExpectObject("optimizer", "learningRate", "momentum", "nesterov", "beta1", "beta2", "weightDecay", "batchSize", "steps", "h1Weight", "stopAtLoss", "checkpointEvery");
        var o = ReadOptimizer(node, new OptimizerKeys(defaults.Optimizer, defaults.LearningRate, defaults.Momentum, defaults.Nesterov,
            defaults.Beta1, defaults.Beta2, defaults.WeightDecay));

        int? batchSize = null;
        if (node.OptionalOrNull("batchSize") is { } batchNode)
        {
            batchSize = batchNode.GetInt32();
            if (batchSize < 1 || batchSize > data.Train.Count)
            {
                throw batchNode.OutOfRange($"an integer between 1 and the train count ({data.Train.Count}), or null for full batch");
            }
        }

        double? stopAtLoss = null;
        if (node.OptionalOrNull("stopAtLoss") is { } stopNode)
        {
            stopAtLoss = stopNode.GetDouble();
            if (!(stopAtLoss > 0)) throw stopNode.OutOfRange("a number > 0, or null");
        }

        long steps = Long(node, "steps", defaults.Steps, v => v >= 1, "an integer >= 1");

        return new TrainingConfig
        {
            Optimizer = o.Optimizer,
            LearningRate = o.LearningRate,
            Momentum = o.Momentum,
            Nesterov = o.Nesterov,
            Beta1 = o.Beta1,
            Beta2 = o.Beta2,
            WeightDecay = o.WeightDecay,
            BatchSize = batchSize,
            Steps = steps,
            H1Weight = Number(node, "h1Weight", defaults.H1Weight, v => v >= 0, "a number >= 0"),
            StopAtLoss = stopAtLoss,
            CheckpointEvery = Integer(node, "checkpointEvery", defaults.CheckpointEvery, v => v >= 1, "an integer >= 1"),
        };
    }

    private static ProbeConfig ReadProbe(ConfigNode? node, DataConfig data)
    {
        var defaults = new ProbeConfig();
        if (node is null) return defaults;
        node.ExpectObject("every", "keep", "minRelativeHeight", "epsilon", "errorForm", "snapshots");
        int? keep = null;
        if (node.OptionalOrNull("keep") is { } keepNode)
        {
            keep = keepNode.GetInt32();
            var most = data.Eval.Count / 2 + 1;
            if (keep < 1 || keep > most)
            {
                throw keepNode.OutOfRange($"an integer between 1 and n/2 + 1 = {most} (n = {data.Eval.Count} evaluation points), or null for all");
            }
        }

        return new ProbeConfig
        {
            Every = Integer(node, "every", defaults.Every, v => v >= 1, "an integer >= 1"),
            Keep = keep,
            MinRelativeHeight = Number(node, "minRelativeHeight", defaults.MinRelativeHeight, v => v is >= 0 and <= 1, "a number in [0, 1]"),
            Epsilon = Number(node, "epsilon", defaults.Epsilon, v => v > 0, "a number > 0"),
            ErrorForm = node.Optional("errorForm")?.GetEnum<ErrorForm>() ?? defaults.ErrorForm,
            Snapshots = Integer(node, "snapshots", defaults.Snapshots, v => v >= 2, "an integer >= 2"),
        };
    }

    internal static double Number(ConfigNode obj, string key, double fallback, Func<double, bool>? ok = null, string? expected = null)
    {
        var node = obj.Optional(key);
        if (node is null) return fallback;
        var value = node.GetDouble();
        return ok is null || ok(value) ? value : throw node.OutOfRange(expected!);
    }

    internal static double RequiredNumber(ConfigNode obj, string key, Func<double, bool> ok, string expected, string? why = null)
    {
        var node = obj.Required(key, why);
        var value = node.GetDouble();
        return ok(value) ? value : throw node.OutOfRange(expected);
    }

    internal static int Integer(ConfigNode obj, string key, int fallback, Func<int, bool> ok, string expected)
    {
        var node = obj.Optional(key);
        if (node is null) return fallback;
        var value = node.GetInt32();
        return ok(value) ? value : throw node.OutOfRange(expected);
    }

    internal static long Long(ConfigNode obj, string key, long fallback, Func<long, bool> ok, string expected)
    {
        var node = obj.Optional(key);
        if (node is null) return fallback;
        var value = node.GetInt64();
        return ok(value) ? value : throw node.OutOfRange(expected);
    }

    /// <summary><c>probe.every</c> of a step-counted kind: an integer between 1 and the run's <paramref name="steps"/>.</summary>
    internal static long ProbeEvery(ConfigNode probe, long fallback, long steps) =>
        Long(probe, "every", fallback, v => v >= 1 && v <= steps, $"an integer between 1 and training.steps = {steps}");

    internal static long RequiredLong(ConfigNode obj, string key, Func<long, bool> ok, string expected)
    {
        var node = obj.Required(key);
        var value = node.GetInt64();
        return ok(value) ? value : throw node.OutOfRange(expected);
    }

    internal static int RequiredInteger(ConfigNode obj, string key, Func<int, bool> ok, string expected)
    {
        var node = obj.Required(key);
        var value = node.GetInt32();
        return ok(value) ? value : throw node.OutOfRange(expected);
    }

    internal static string NonEmptyString(ConfigNode obj, string key, string fallback)
    {
        var node = obj.Optional(key);
        if (node is null) return fallback;
        var value = node.GetString();
        return value.Length > 0 ? value : throw node.OutOfRange("a non-empty string");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NameRegex();

    /// <summary>The keys every experiment has: <c>name</c> (default <paramref name="fallbackName"/>), <c>seed</c> (0) and <c>device</c> ("cpu").</summary>
    internal static (string Name, long Seed, string Device) ReadHeader(ConfigNode root, string fallbackName) =>
        (ReadName(root, fallbackName), root.Optional("seed")?.GetInt64() ?? 0, root.Optional("device")?.GetChoice(Devices) ?? "cpu");

    /// <summary>Reads the optional <c>name</c> key (letters, digits, '.', '_' and '-').</summary>
    internal static string ReadName(ConfigNode root, string fallback)
    {
        if (root.Optional("name") is not { } nameNode) return fallback;
        var name = nameNode.GetString();
        if (!NameRegex().IsMatch(name) || name is "." or "..")
        {
            throw nameNode.OutOfRange("a non-empty name of letters, digits, '.', '_' and '-' (not \".\" or \"..\")");
        }

        return name;
    }

    /// <summary>The experiment kinds a config file may name.</summary>
    public static IReadOnlyList<string> Experiments { get; } = [FitExperimentConfig.Fit1d, ClassifyExperimentConfig.Classify, PoissonExperimentConfig.Poisson, FourierExperimentConfig.FourierFeatures, NtkExperimentConfig.Ntk, ParityExperimentConfig.Parity, ImageFitExperimentConfig.ImageFit];

    /// <summary>Parses and validates a config of any experiment kind (its <c>experiment</c> key; default <c>fit1d</c>).</summary>
    /// <exception cref="ConfigException">The JSON is malformed or the config is invalid.</exception>
    public static IExperimentConfig ParseAny(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        using var document = ParseDocument(json, source);
        var root = ConfigNode.Root(source, document.RootElement);
        if (root.Element.ValueKind != JsonValueKind.Object) throw root.WrongType("an object");
        if (root.Optional(SweepSpec.Key) is not null)
            throw root.Error(SweepSpec.Key, "this config is a sweep; run it with freqscope sweep (or expand it with SweepSpec.Parse)");
        var experiment = root.Optional("experiment")?.GetChoice(Experiments) ?? FitExperimentConfig.Fit1d;
        return experiment switch
        {
            ClassifyExperimentConfig.Classify => ClassifyConfigLoader.ReadRoot(root),
            PoissonExperimentConfig.Poisson => PoissonConfigLoader.ReadRoot(root),
            FourierExperimentConfig.FourierFeatures => FourierConfigLoader.ReadRoot(root),
            NtkExperimentConfig.Ntk => NtkConfigLoader.ReadRoot(root),
            ParityExperimentConfig.Parity => ParityConfigLoader.ReadRoot(root),
            ImageFitExperimentConfig.ImageFit => ImageFitConfigLoader.ReadRoot(root),
            _ => ReadRoot(root),
        };
    }

    /// <summary>Reads and validates the config file at <paramref name="path"/>, of any experiment kind.</summary>
    /// <exception cref="ConfigException">The file is missing or unreadable, the JSON is malformed or the config is invalid.</exception>
    public static IExperimentConfig LoadAnyFile(string path) => ParseAny(ReadFileText(path), path);

    /// <summary>The resolved config of any experiment kind as indented JSON with every value explicit.</summary>
    public static string ToJsonAny(IExperimentConfig config) => config switch
    {
        FitExperimentConfig fit => ConfigWriter.Write(fit),
        ClassifyExperimentConfig classify => ClassifyConfigWriter.Write(classify),
        PoissonExperimentConfig poisson => PoissonConfigWriter.Write(poisson),
        FourierExperimentConfig fourier => FourierConfigWriter.Write(fourier),
        NtkExperimentConfig ntk => NtkConfigWriter.Write(ntk),
        ParityExperimentConfig parity => ParityConfigWriter.Write(parity),
        ImageFitExperimentConfig image => ImageFitConfigWriter.Write(image),
        _ => throw new ArgumentException($"unknown config type {config.GetType().Name}", nameof(config)),
    };
}
