using FreqScope.Solvers;
using FreqScope.Core.Config;
using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// Reads and validates <see cref="PoissonExperimentConfig"/> JSON (<c>"experiment": "poisson"</c>; see
/// <c>docs/config.md</c>). Same rules as <see cref="ConfigLoader"/>: unknown keys are errors and every problem names
/// the source and the JSONPath of the offending value. Use <see cref="ConfigLoader.ParseAny"/> to read any kind.
/// </summary>
public static class PoissonConfigLoader
{
    /// <summary>Largest number of intervals of a 1-D grid.</summary>
    public const int MaxIntervals1D = 1_000_000;

    /// <summary>Largest number of intervals per axis of a 2-D grid.</summary>
    public const int MaxIntervals2D = 4096;

    /// <summary>Parses and validates a poisson config.</summary>
    /// <exception cref="ConfigException">The JSON is malformed, not a poisson config, or invalid.</exception>
    public static PoissonExperimentConfig Parse(string json, string source) =>
        ConfigLoader.ParseAny(json, source) as PoissonExperimentConfig
        ?? throw new ConfigException(source, "$.experiment", "expected \"poisson\"");

    /// <summary>The resolved config as indented JSON with every value explicit; <c>Parse(ToJson(c))</c> equals c.</summary>
    public static string ToJson(PoissonExperimentConfig config) => PoissonConfigWriter.Write(config);

    internal static PoissonExperimentConfig ReadRoot(ConfigNode root)
    {
        root.ExpectObject("experiment", "name", "seed", "device", "problem", "tolerance", "classic", "network", "hybrid", "probe");
        var (name, seed, device) = ConfigLoader.ReadHeader(root, PoissonExperimentConfig.Poisson);
        var problem = ReadProblem(root.Required("problem"));
        var tolerance = ConfigLoader.Number(root, "tolerance", 1e-4, v => v > 0, "a number > 0");
        var classic = ReadClassic(root.Optional("classic"));
        var networkNode = root.OptionalOrNull("network");
        var network = networkNode is null ? null : ReadNetwork(networkNode, problem.Dimension);
        HybridConfig? hybrid = null;
        if (root.OptionalOrNull("hybrid") is { } hybridNode)
        {
            if (network is null) throw hybridNode.Error("a hybrid needs a network; add a \"network\" section or remove \"hybrid\"");
            hybrid = ReadHybrid(hybridNode, network, classic);
        }

        var probe = ReadProbe(root.Optional("probe"), problem);
        if (classic.Methods.Count == 0 && network is null)
            throw root.Error("classic", "nothing to run: classic.methods is empty and there is no network");
        return new PoissonExperimentConfig
        {
            Name = name,
            Seed = seed,
            Device = device,
            Problem = problem,
            Tolerance = tolerance,
            Classic = classic,
            Network = network,
            Hybrid = hybrid,
            Probe = probe,
        };
    }

    private static PoissonProblemConfig ReadProblem(ConfigNode node)
    {
        node.ExpectObject("dimension", "domain", "intervals", "source");
        var dimension = ConfigLoader.Integer(node, "dimension", 1, v => v is 1 or 2, "1 or 2");
        double min = -1, max = 1;
        if (dimension == 2) (min, max) = (0, 1);
        if (node.Optional("domain") is { } domainNode) (min, max) = ConfigLoader.ReadDomain(domainNode);

        int most = dimension == 1 ? MaxIntervals1D : MaxIntervals2D;
        var intervals = ConfigLoader.RequiredInteger(node, "intervals", v => v >= 4 && v <= most, $"an integer between 4 and {most} (intervals per axis in {dimension}-D)");
        var source = ReadSource(node.Required("source"), dimension, intervals);
        return new PoissonProblemConfig { Dimension = dimension, Min = min, Max = max, Intervals = intervals, Source = source };
    }

    private static PoissonSourceConfig ReadSource(ConfigNode node, int dimension, int intervals)
    {
        node.ExpectObject("kind", "terms", "modes", "expression");
        var kindNode = node.Required("kind");
        var kind = kindNode.GetEnum<PoissonSourceKind>();
        foreach (var (key, owner) in new[] { ("terms", PoissonSourceKind.Sines), ("modes", PoissonSourceKind.Modes), ("expression", PoissonSourceKind.Expression) })
        {
            if (kind != owner && node.Optional(key) is not null)
                throw node.Error(key, $"applies to kind \"{JsonNames.Of(owner)}\", not \"{JsonNames.Of(kind)}\"");
        }

        switch (kind)
        {
            case PoissonSourceKind.Sines:
                if (dimension != 1) throw kindNode.Error($"\"sines\" is a 1-D source; in {dimension}-D use \"modes\" or \"expression\"");
                return new PoissonSourceConfig { Kind = kind, Terms = ReadTerms(node.Required("terms", "at least one term")) };
            case PoissonSourceKind.Modes:
                if (dimension != 2) throw kindNode.Error($"\"modes\" is a 2-D source; in 1-D use \"sines\" or \"expression\"");
                return new PoissonSourceConfig { Kind = kind, Modes = ReadModes(node.Required("modes", "at least one mode"), intervals) };
            default:
                var exprNode = node.Required("expression");
                var text = exprNode.GetString();
                try
                {
                    SourceExpression.Parse(text, dimension == 1 ? ["x"] : ["x", "y"]);
                }
                catch (ExpressionException e)
                {
                    throw exprNode.Error($"\"{text}\" is not a valid formula: {e.Message}");
                }

                return new PoissonSourceConfig { Kind = kind, Expression = text };
        }
    }

    private static List<SineTerm> ReadTerms(ConfigNode node)
    {
        var items = node.Items();
        if (items.Count == 0) throw node.OutOfRange("at least one term");
        var terms = new List<SineTerm>(items.Count);
        foreach (var item in items)
        {
            item.ExpectObject("amplitude", "frequency", "phase");
            terms.Add(new SineTerm(
                ConfigLoader.RequiredNumber(item, "amplitude", _ => true, "a number"),
                ConfigLoader.RequiredNumber(item, "frequency", v => v > 0, "a number > 0 (radians per unit length)"),
                ConfigLoader.Number(item, "phase", 0)));
        }

        return terms;
    }

    private static List<ModeTerm> ReadModes(ConfigNode node, int intervals)
    {
        var items = node.Items();
        if (items.Count == 0) throw node.OutOfRange("at least one mode");
        var modes = new List<ModeTerm>(items.Count);
        string expected = $"an integer between 1 and intervals − 1 = {intervals - 1}";
        foreach (var item in items)
        {
            item.ExpectObject("amplitude", "m", "n");
            modes.Add(new ModeTerm(
                ConfigLoader.RequiredNumber(item, "amplitude", _ => true, "a number"),
                ConfigLoader.RequiredInteger(item, "m", v => v >= 1 && v < intervals, expected),
                ConfigLoader.RequiredInteger(item, "n", v => v >= 1 && v < intervals, expected)));
        }

        return modes;
    }

    private static ClassicSolversConfig ReadClassic(ConfigNode? node)
    {
        var d = new ClassicSolversConfig();
        if (node is null) return d;
        node.ExpectObject("methods", "omega", "maxIterations");
        var methods = d.Methods;
        if (node.Optional("methods") is { } methodsNode)
        {
            var list = new List<RelaxationKind>();
            foreach (var item in methodsNode.Items())
            {
                var kind = item.GetEnum<RelaxationKind>();
                if (list.Contains(kind)) throw item.Error($"\"{JsonNames.Of(kind)}\" is listed twice");
                list.Add(kind);
            }

            methods = list;
        }

        long maxIterations = d.MaxIterations;
        if (node.Optional("maxIterations") is { } maxNode)
        {
            maxIterations = maxNode.GetInt64();
            if (maxIterations < 1) throw maxNode.OutOfRange("an integer >= 1");
        }

        return new ClassicSolversConfig
        {
            Methods = methods,
            Omega = ConfigLoader.Number(node, "omega", d.Omega, v => v is > 0 and <= 1, "a number in (0, 1]"),
            MaxIterations = maxIterations,
        };
    }

    private static PdeNetworkConfig ReadNetwork(ConfigNode node, int dimension)
    {
        var d = new PdeNetworkConfig();
        node.ExpectObject("hidden", "activation", "weightInit", "biasInit", "loss", "boundary", "boundaryWeight", "collocation", "boundaryPoints",
            "optimizer", "learningRate", "momentum", "nesterov", "beta1", "beta2", "weightDecay", "schedule", "decaySteps", "gamma", "steps");
        var o = ConfigLoader.ReadOptimizer(node, new OptimizerKeys(d.Optimizer, d.LearningRate, d.Momentum, d.Nesterov, d.Beta1, d.Beta2, d.WeightDecay));
        var loss = node.Optional("loss")?.GetEnum<PdeLoss>() ?? d.Loss;
        var activationNode = node.Optional("activation");
        var activation = activationNode?.GetEnum<Activation>() ?? d.Activation;
        if (loss == PdeLoss.Residual && activation is Activation.Relu or Activation.LeakyRelu)
            throw (activationNode ?? node).Error($"\"{JsonNames.Of(activation)}\" has a zero second derivative, so the residual loss cannot train it; use tanh (or the \"ritz\" loss)");

        int count = d.CollocationCount;
        var sampling = d.CollocationSampling;
        if (node.Optional("collocation") is { } colNode)
        {
            colNode.ExpectObject("count", "sampling");
            count = ConfigLoader.Integer(colNode, "count", d.CollocationCount, v => v is >= 1 and <= 10_000_000, "an integer between 1 and 10000000");
            sampling = colNode.Optional("sampling")?.GetEnum<Sampling>() ?? d.CollocationSampling;
            if (dimension == 2 && sampling == Sampling.Uniform && count < 4)
                throw colNode.Error("count", "a 2-D uniform collocation grid needs at least 4 points (2 × 2)");
        }

        int boundaryPoints = dimension == 1 ? 2 : 256;
        if (node.Optional("boundaryPoints") is { } bpNode)
        {
            var value = bpNode.GetInt32();
            if (dimension == 1 && value != 2) throw bpNode.OutOfRange("2 in 1-D (the two ends of the interval)");
            if (dimension == 2 && value < 4) throw bpNode.OutOfRange("an integer >= 4 (points along the square's perimeter)");
            boundaryPoints = value;
        }

        long steps = d.Steps;
        if (node.Optional("steps") is { } stepsNode)
        {
            steps = stepsNode.GetInt64();
            if (steps is < 1 or > 100_000_000) throw stepsNode.OutOfRange("an integer between 1 and 100000000");
        }

        return new PdeNetworkConfig
        {
            Hidden = node.Optional("hidden") is { } h ? ConfigLoader.ReadWidths(h) : d.Hidden,
            Activation = activation,
            WeightInit = ConfigLoader.ReadInit(node.Optional("weightInit")),
            BiasInit = ConfigLoader.ReadInit(node.Optional("biasInit")),
            Loss = loss,
            Boundary = node.Optional("boundary")?.GetEnum<PdeBoundary>() ?? d.Boundary,
            BoundaryWeight = ConfigLoader.Number(node, "boundaryWeight", d.BoundaryWeight, v => v >= 0, "a number >= 0"),
            CollocationCount = count,
            CollocationSampling = sampling,
            BoundaryPoints = boundaryPoints,
            Optimizer = o.Optimizer,
            LearningRate = o.LearningRate,
            Momentum = o.Momentum,
            Nesterov = o.Nesterov,
            Beta1 = o.Beta1,
            Beta2 = o.Beta2,
            WeightDecay = o.WeightDecay,
            Schedule = node.Optional("schedule")?.GetEnum<ScheduleKind>() ?? d.Schedule,
            DecaySteps = ConfigLoader.Integer(node, "decaySteps", d.DecaySteps, v => v >= 1, "an integer >= 1"),
            Gamma = ConfigLoader.Number(node, "gamma", d.Gamma, v => v is > 0 and <= 1, "a number in (0, 1]"),
            Steps = steps,
        };
    }

    private static HybridConfig ReadHybrid(ConfigNode node, PdeNetworkConfig network, ClassicSolversConfig classic)
    {
        node.ExpectObject("handover", "relaxation");
        var handoverNode = node.Required("handover", "the network steps at which the relaxation takes over");
        var items = handoverNode.Items();
        if (items.Count == 0) throw handoverNode.OutOfRange("at least one step");
        var handover = new List<long>(items.Count);
        foreach (var item in items)
        {
            var t = item.GetInt64();
            if (t < 0 || t > network.Steps) throw item.OutOfRange($"a step between 0 and network.steps = {network.Steps}");
            if (handover.Count > 0 && t <= handover[^1]) throw item.OutOfRange($"a step after {handover[^1]} (the steps must increase)");
            handover.Add(t);
        }

        var relaxationNode = node.Optional("relaxation");
        var relaxation = relaxationNode?.GetEnum<RelaxationKind>() ?? RelaxationKind.Jacobi;
        if (!classic.Methods.Contains(relaxation))
        {
            throw (relaxationNode ?? node).Error($"the hybrids continue with \"{JsonNames.Of(relaxation)}\", which must also run alone as their baseline; "
                + $"add it to classic.methods (now [{string.Join(", ", classic.Methods.Select(m => $"\"{JsonNames.Of(m)}\""))}])");
        }

        return new HybridConfig { Handover = handover, Relaxation = relaxation };
    }

    private static PoissonProbeConfig ReadProbe(ConfigNode? node, PoissonProblemConfig problem)
    {
        var d = new PoissonProbeConfig();
        if (node is null) return d;
        node.ExpectObject("points", "every", "keep", "minRelativeHeight", "epsilon", "modes");
        int largest = LargestMode(problem);
        IReadOnlyList<int>? modes = null;
        if (node.OptionalOrNull("modes") is { } modesNode)
        {
            var items = modesNode.Items();
            if (items.Count == 0) throw modesNode.OutOfRange("at least one mode, or null for the automatic choice");
            var list = new List<int>();
            foreach (var item in items)
            {
                var k = item.GetInt32();
                if (k < 1 || k > largest) throw item.OutOfRange($"a mode between 1 and {largest}");
                if (list.Contains(k)) throw item.Error($"mode {k} is listed twice");
                list.Add(k);
            }

            list.Sort();
            modes = list;
        }

        return new PoissonProbeConfig
        {
            Points = ConfigLoader.Integer(node, "points", d.Points, v => v is >= 2 and <= 100_000, "an integer between 2 and 100000"),
            Every = ConfigLoader.Integer(node, "every", d.Every, v => v >= 1, "an integer >= 1"),
            Keep = ConfigLoader.Integer(node, "keep", d.Keep, v => v >= 1, "an integer >= 1"),
            MinRelativeHeight = ConfigLoader.Number(node, "minRelativeHeight", d.MinRelativeHeight, v => v is >= 0 and <= 1, "a number in [0, 1]"),
            Epsilon = ConfigLoader.Number(node, "epsilon", d.Epsilon, v => v > 0, "a number > 0"),
            Modes = modes,
        };
    }

    /// <summary>The largest mode index of the problem's grid (see <see cref="ModeSpectrum.LargestMode(int, int)"/>).</summary>
    internal static int LargestMode(PoissonProblemConfig problem) => ModeSpectrum.LargestMode(problem.Dimension, problem.Intervals);
}
