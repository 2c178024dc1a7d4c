using System.Text.Json;
using FreqScope.Solvers;
using FreqScope.Core.Config;

namespace FreqScope.Experiments;

/// <summary>Writes a <see cref="PoissonExperimentConfig"/> in the shape <see cref="PoissonConfigLoader"/> reads, every value explicit.</summary>
internal static class PoissonConfigWriter
{
    public static string Write(PoissonExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ConfigWriter.Document(w =>
        {
            ConfigWriter.WriteHeader(w, config);
            WriteProblem(w, config.Problem);
            w.WriteNumber("tolerance", config.Tolerance);
            WriteClassic(w, config.Classic);
            WriteNetwork(w, config.Network);
            WriteHybrid(w, config.Hybrid);
            WriteProbe(w, config.Probe);
        });
    }

    private static void WriteProblem(Utf8JsonWriter w, PoissonProblemConfig p)
    {
        w.WriteStartObject("problem");
        w.WriteNumber("dimension", p.Dimension);
        w.WriteStartArray("domain");
        w.WriteNumberValue(p.Min);
        w.WriteNumberValue(p.Max);
        w.WriteEndArray();
        w.WriteNumber("intervals", p.Intervals);
        w.WriteStartObject("source");
        w.WriteString("kind", JsonNames.Of(p.Source.Kind));
        switch (p.Source.Kind)
        {
            case PoissonSourceKind.Sines:
                w.WriteStartArray("terms");
                foreach (var t in p.Source.Terms)
                {
                    w.WriteStartObject();
                    w.WriteNumber("amplitude", t.Amplitude);
                    w.WriteNumber("frequency", t.Frequency);
                    w.WriteNumber("phase", t.Phase);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                break;
            case PoissonSourceKind.Modes:
                w.WriteStartArray("modes");
                foreach (var m in p.Source.Modes)
                {
                    w.WriteStartObject();
                    w.WriteNumber("amplitude", m.Amplitude);
                    w.WriteNumber("m", m.M);
                    w.WriteNumber("n", m.N);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteString("expression", p.Source.Expression);
                break;
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteClassic(Utf8JsonWriter w, ClassicSolversConfig c)
    {
        w.WriteStartObject("classic");
        WriteRelaxations(w, "methods", c.Methods);
        w.WriteNumber("omega", c.Omega);
        w.WriteNumber("maxIterations", c.MaxIterations);
        w.WriteEndObject();
    }

    private static void WriteRelaxations(Utf8JsonWriter w, string name, IReadOnlyList<RelaxationKind> kinds)
    {
        w.WriteStartArray(name);
        foreach (var k in kinds) w.WriteStringValue(JsonNames.Of(k));
        w.WriteEndArray();
    }

    private static void WriteNetwork(Utf8JsonWriter w, PdeNetworkConfig? n)
    {
        if (n is null)
        {
            w.WriteNull("network");
            return;
        }

        w.WriteStartObject("network");
        w.WriteStartArray("hidden");
        foreach (var width in n.Hidden) w.WriteNumberValue(width);
        w.WriteEndArray();
        w.WriteString("activation", JsonNames.Of(n.Activation));
        ConfigWriter.WriteInit(w, "weightInit", n.WeightInit);
        ConfigWriter.WriteInit(w, "biasInit", n.BiasInit);
        w.WriteString("loss", JsonNames.Of(n.Loss));
        w.WriteString("boundary", JsonNames.Of(n.Boundary));
        w.WriteNumber("boundaryWeight", n.BoundaryWeight);
        w.WriteStartObject("collocation");
        w.WriteNumber("count", n.CollocationCount);
        w.WriteString("sampling", JsonNames.Of(n.CollocationSampling));
        w.WriteEndObject();
        w.WriteNumber("boundaryPoints", n.BoundaryPoints);
        ConfigWriter.WriteOptimizer(w, n.Optimizer, n.LearningRate, n.Momentum, n.Nesterov, n.Beta1, n.Beta2, n.WeightDecay);
        w.WriteString("schedule", JsonNames.Of(n.Schedule));
        w.WriteNumber("decaySteps", n.DecaySteps);
        w.WriteNumber("gamma", n.Gamma);
        w.WriteNumber("steps", n.Steps);
        w.WriteEndObject();
    }

    private static void WriteHybrid(Utf8JsonWriter w, HybridConfig? h)
    {
        if (h is null)
        {
            w.WriteNull("hybrid");
            return;
        }

        w.WriteStartObject("hybrid");
        w.WriteStartArray("handover");
        foreach (var t in h.Handover) w.WriteNumberValue(t);
        w.WriteEndArray();
        w.WriteString("relaxation", JsonNames.Of(h.Relaxation));
        w.WriteEndObject();
    }

    private static void WriteProbe(Utf8JsonWriter w, PoissonProbeConfig p)
    {
        w.WriteStartObject("probe");
        w.WriteNumber("points", p.Points);
        w.WriteNumber("every", p.Every);
        w.WriteNumber("keep", p.Keep);
        w.WriteNumber("minRelativeHeight", p.MinRelativeHeight);
        w.WriteNumber("epsilon", p.Epsilon);
        if (p.Modes is null)
        {
            w.WriteNull("modes");
        }
        else
        {
            w.WriteStartArray("modes");
            foreach (var k in p.Modes) w.WriteNumberValue(k);
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
