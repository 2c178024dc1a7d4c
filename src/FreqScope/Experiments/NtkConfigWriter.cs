using System.Text.Json;

namespace FreqScope.Experiments;

/// <summary>Writes an <see cref="NtkExperimentConfig"/> in the shape <see cref="NtkConfigLoader"/> reads, every value explicit.</summary>
internal static class NtkConfigWriter
{
    public static string Write(NtkExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ConfigWriter.Document(w =>
        {
            ConfigWriter.WriteHeader(w, config);
            ConfigWriter.WriteTarget(w, config.Target);
            WriteData(w, config.Data);
            ConfigWriter.WriteModel(w, config.Model);
            WriteTraining(w, config.Training);
            WriteProbe(w, config.Probe);
        });
    }

    private static void WriteData(Utf8JsonWriter w, NtkDataConfig d)
    {
        w.WriteStartObject("data");
        w.WriteStartArray("domain");
        w.WriteNumberValue(d.DomainMin);
        w.WriteNumberValue(d.DomainMax);
        w.WriteEndArray();
        w.WriteNumber("trainCount", d.TrainCount);
        w.WriteBoolean("includeEndpoint", d.IncludeEndpoint);
        w.WriteNumber("testCount", d.TestCount);
        w.WriteEndObject();
    }

    private static void WriteTraining(Utf8JsonWriter w, NtkTrainingConfig t)
    {
        w.WriteStartObject("training");
        w.WriteNumber("learningRate", t.LearningRate);
        w.WriteNumber("steps", t.Steps);
        w.WriteEndObject();
    }

    private static void WriteProbe(Utf8JsonWriter w, NtkProbeConfig p)
    {
        w.WriteStartObject("probe");
        w.WriteNumber("every", p.Every);
        w.WriteNumber("eigenvectors", p.Eigenvectors);
        w.WriteNumber("snapshots", p.Snapshots);
        w.WriteNumber("ntkBatchSize", p.NtkBatchSize);
        w.WriteEndObject();
    }
}
