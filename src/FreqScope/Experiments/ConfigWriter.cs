using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FreqScope.Core.Config;
using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>Writes a <see cref="FitExperimentConfig"/> in the shape <see cref="ConfigLoader"/> reads, every value explicit.</summary>
internal static class ConfigWriter
{
    internal static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(FitExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Document(w =>
        {
            WriteHeader(w, config);
            WriteTarget(w, config.Target);
            WriteData(w, config.Data);
            WriteModel(w, config.Model);
            WriteTraining(w, config.Training);
            WriteProbe(w, config.Probe);
        });
    }

    /// <summary>One indented JSON object written by <paramref name="body"/>, as text ending in a newline.</summary>
    internal static string Document(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The keys every experiment config starts with: experiment, name, seed, device.</summary>
    internal static void WriteHeader(Utf8JsonWriter w, IExperimentConfig config)
    {
        w.WriteString("experiment", config.Experiment);
        w.WriteString("name", config.Name);
        w.WriteNumber("seed", config.Seed);
        w.WriteString("device", config.Device);
    }

    internal static void WriteTarget(Utf8JsonWriter w, TargetConfig t)
    {
        w.WriteStartObject("target");
        w.WriteString("kind", JsonNames.Of(t.Kind));
        w.WriteString("frequencyUnit", JsonNames.Of(t.FrequencyUnit));
        w.WriteStartArray("terms");
        foreach (var term in t.Terms)
        {
            w.WriteStartObject();
            w.WriteNumber("amplitude", term.Amplitude);
            w.WriteNumber("frequency", term.Frequency);
            w.WriteNumber("phase", term.Phase);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("frequency", t.Frequency);
        w.WriteNumber("amplitude", t.Amplitude);
        w.WriteNumber("phase", t.Phase);
        w.WriteStartArray("bumps");
        foreach (var bump in t.Bumps)
        {
            w.WriteStartObject();
            w.WriteNumber("center", bump.Center);
            w.WriteNumber("width", bump.Width);
            w.WriteNumber("amplitude", bump.Amplitude);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (t.CsvPath is null) w.WriteNull("csvPath");
        else w.WriteString("csvPath", t.CsvPath);
        w.WriteString("csvXColumn", t.CsvXColumn);
        w.WriteString("csvYColumn", t.CsvYColumn);
        w.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter w, DataConfig d)
    {
        w.WriteStartObject("data");
        w.WriteStartArray("domain");
        w.WriteNumberValue(d.DomainMin);
        w.WriteNumberValue(d.DomainMax);
        w.WriteEndArray();
        w.WriteStartObject("train");
        w.WriteString("sampling", JsonNames.Of(d.Train.Sampling));
        w.WriteNumber("count", d.Train.Count);
        w.WriteBoolean("includeEndpoint", d.Train.IncludeEndpoint);
        w.WriteEndObject();
        w.WriteStartObject("eval");
        w.WriteNumber("count", d.Eval.Count);
        w.WriteBoolean("includeEndpoint", d.Eval.IncludeEndpoint);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    internal static void WriteModel(Utf8JsonWriter w, ModelConfig m)
    {
        w.WriteStartObject("model");
        w.WriteStartArray("hidden");
        foreach (var width in m.Hidden) w.WriteNumberValue(width);
        w.WriteEndArray();
        w.WriteString("activation", JsonNames.Of(m.Activation));
        WriteInit(w, "weightInit", m.WeightInit);
        WriteInit(w, "biasInit", m.BiasInit);
        w.WriteStartObject("encoding");
        w.WriteString("kind", JsonNames.Of(m.Encoding.Kind));
        if (m.Encoding.Kind == InputEncodingKind.Positional) w.WriteNumber("levels", m.Encoding.Levels);
        if (m.Encoding.Kind == InputEncodingKind.Gaussian) w.WriteNumber("features", m.Encoding.Features);
        if (m.Encoding.Kind is InputEncodingKind.Positional or InputEncodingKind.Gaussian) w.WriteNumber("scale", m.Encoding.Scale);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The optimizer keys every training object has, in the order the loaders document them.</summary>
    internal static void WriteOptimizer(Utf8JsonWriter w, OptimizerKind optimizer, double learningRate, double momentum, bool nesterov,
        double beta1, double beta2, double weightDecay)
    {
        w.WriteString("optimizer", JsonNames.Of(optimizer));
        w.WriteNumber("learningRate", learningRate);
        w.WriteNumber("momentum", momentum);
        w.WriteBoolean("nesterov", nesterov);
        w.WriteNumber("beta1", beta1);
        w.WriteNumber("beta2", beta2);
        w.WriteNumber("weightDecay", weightDecay);
    }

    internal static void WriteInit(Utf8JsonWriter w, string name, InitConfig init)
    {
        w.WriteStartObject(name);
        w.WriteString("distribution", JsonNames.Of(init.Distribution));
        if (init.Std is { } std) w.WriteNumber("std", std);
        if (init.ScaleM is not null || init.ScaleT is not null)
        {
            w.WriteStartObject("scale");
            WriteNullable(w, "m", init.ScaleM);
            WriteNullable(w, "t", init.ScaleT);
            w.WriteEndObject();
        }

        w.WriteNumber("gain", init.Gain);
        w.WriteEndObject();
    }

    private static void WriteTraining(Utf8JsonWriter w, TrainingConfig t)
    {
        w.WriteStartObject("training");
        WriteOptimizer(w, t.Optimizer, t.LearningRate, t.Momentum, t.Nesterov, t.Beta1, t.Beta2, t.WeightDecay);
        WriteNullable(w, "batchSize", t.BatchSize);
        w.WriteNumber("steps", t.Steps);
        w.WriteNumber("h1Weight", t.H1Weight);
        WriteNullable(w, "stopAtLoss", t.StopAtLoss);
        w.WriteNumber("checkpointEvery", t.CheckpointEvery);
        w.WriteEndObject();
    }

    private static void WriteProbe(Utf8JsonWriter w, ProbeConfig p)
    {
        w.WriteStartObject("probe");
        w.WriteNumber("every", p.Every);
        WriteNullable(w, "keep", p.Keep);
        w.WriteNumber("minRelativeHeight", p.MinRelativeHeight);
        w.WriteNumber("epsilon", p.Epsilon);
        w.WriteString("errorForm", JsonNames.Of(p.ErrorForm));
        w.WriteNumber("snapshots", p.Snapshots);
        w.WriteEndObject();
    }

    internal static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    internal static void WriteNullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
