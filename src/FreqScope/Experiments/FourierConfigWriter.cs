using System.Text.Json;
using FreqScope.Models;
using FreqScope.Core.Config;

namespace FreqScope.Experiments;

/// <summary>Writes a <see cref="FourierExperimentConfig"/> in the shape <see cref="FourierConfigLoader"/> reads, every value explicit.</summary>
internal static class FourierConfigWriter
{
    public static string Write(FourierExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ConfigWriter.Document(w =>
        {
            ConfigWriter.WriteHeader(w, config);
            ConfigWriter.WriteTarget(w, config.Target);
            w.WriteStartObject("data");
            w.WriteStartArray("domain");
            w.WriteNumberValue(config.Data.Min);
            w.WriteNumberValue(config.Data.Max);
            w.WriteEndArray();
            w.WriteNumber("points", config.Data.Points);
            ConfigWriter.WriteNullable(w, "envelope", config.Data.Envelope);
            w.WriteEndObject();

            var n = config.Network;
            w.WriteStartObject("network");
            w.WriteNumber("width", n.Width);
            WriteDensity(w, n.Density);
            w.WriteNumber("sigmaA", n.SigmaA);
            w.WriteBoolean("trainFrequencies", n.TrainFrequencies);
            w.WriteBoolean("stratified", n.Stratified);
            w.WriteBoolean("outputBias", n.OutputBias);
            w.WriteBoolean("subtractInitialOutput", n.SubtractInitialOutput);
            w.WriteEndObject();

            w.WriteStartObject("training");
            w.WriteNumber("learningRate", config.Training.LearningRate);
            w.WriteNumber("steps", config.Training.Steps);
            w.WriteNumber("checkpointEvery", config.Training.CheckpointEvery);
            w.WriteEndObject();

            var p = config.Probe;
            w.WriteStartObject("probe");
            w.WriteNumber("every", p.Every);
            w.WriteNumber("maxFrequency", p.MaxFrequency);
            w.WriteNumber("nodes", p.Nodes);
            w.WriteNumber("epsilon", p.Epsilon);
            w.WriteNumber("peakThreshold", p.PeakThreshold);
            w.WriteEndObject();

            if (config.Pde is { } pde)
            {
                w.WriteStartObject("pde");
                w.WriteString("scheme", JsonNames.Of(pde.Scheme));
                w.WriteNumber("timeStep", pde.TimeStep);
                w.WriteBoolean("lumpedMass", pde.LumpedMass);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("pde");
            }
        });
    }

    private static void WriteDensity(Utf8JsonWriter w, FrequencyDensityConfig d)
    {
        w.WriteStartObject("density");
        w.WriteString("kind", JsonNames.Of(d.Kind));
        w.WriteString("frequencyUnit", JsonNames.Of(d.FrequencyUnit));
        switch (d.Kind)
        {
            case FrequencyDensityKind.Gaussian:
            case FrequencyDensityKind.Laplace:
                w.WriteNumber("scale", d.Scale);
                break;
            case FrequencyDensityKind.Uniform:
                w.WriteNumber("cutoff", d.Scale);
                break;
            case FrequencyDensityKind.Increasing:
                w.WriteNumber("cutoff", d.Scale);
                w.WriteNumber("power", d.Power);
                break;
            default:
                w.WriteStartArray("points");
                foreach (var v in d.Points) w.WriteNumberValue(v);
                w.WriteEndArray();
                w.WriteStartArray("weights");
                foreach (var v in d.Weights) w.WriteNumberValue(v);
                w.WriteEndArray();
                break;
        }

        w.WriteEndObject();
    }
}
