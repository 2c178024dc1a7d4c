using System.Text.Json;
using FreqScope.Core.Config;

namespace FreqScope.Experiments;

/// <summary>Writes a <see cref="ClassifyExperimentConfig"/> in the shape <see cref="ClassifyConfigLoader"/> reads, every value explicit.</summary>
internal static class ClassifyConfigWriter
{
    public static string Write(ClassifyExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ConfigWriter.Document(w =>
        {
            ConfigWriter.WriteHeader(w, config);
            WriteData(w, config.Data);
            WriteModel(w, config.Model);
            WriteTraining(w, config.Training);
            WriteProbe(w, config.Probe);
        });
    }

    private static void WriteData(Utf8JsonWriter w, ImageDataConfig d)
    {
        w.WriteStartObject("data");
        w.WriteString("dataset", d.Dataset);
        if (d.Dir is null) w.WriteNull("dir");
        else w.WriteString("dir", d.Dir);
        w.WriteBoolean("download", d.Download);
        WriteSubset(w, "train", d.Train);
        WriteSubset(w, "test", d.Test);
        w.WriteString("normalization", JsonNames.Of(d.Normalization));
        w.WriteNumber("randomLabels", d.RandomLabels);
        if (d.LabelNoise is { } noise)
        {
            w.WriteStartObject("labelNoise");
            w.WriteNumber("amplitude", noise.Amplitude);
            w.WriteNumber("frequency", noise.Frequency);
            w.WriteString("along", JsonNames.Of(noise.Along));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("labelNoise");
        }

        if (d.ImageFilter is { } filter)
        {
            w.WriteStartObject("imageFilter");
            w.WriteString("kind", JsonNames.Of(filter.Kind));
            w.WriteNumber("sigma", filter.Sigma);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("imageFilter");
        }
        w.WriteEndObject();
    }

    private static void WriteSubset(Utf8JsonWriter w, string name, SubsetConfig s)
    {
        w.WriteStartObject(name);
        ConfigWriter.WriteNullable(w, "count", s.Count);
        w.WriteString("subset", JsonNames.Of(s.Subset));
        w.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter w, ClassifierModelConfig m)
    {
        w.WriteStartObject("model");
        w.WriteString("kind", JsonNames.Of(m.Kind));
        switch (m.Kind)
        {
            case ClassifierKind.Mlp:
                w.WriteStartArray("hidden");
                foreach (var width in m.Hidden) w.WriteNumberValue(width);
                w.WriteEndArray();
                w.WriteString("activation", JsonNames.Of(m.Activation));
                ConfigWriter.WriteInit(w, "weightInit", m.WeightInit);
                ConfigWriter.WriteInit(w, "biasInit", m.BiasInit);
                break;
            case ClassifierKind.Vgg:
                w.WriteNumber("depth", m.Depth);
                w.WriteNumber("widthMultiplier", m.WidthMultiplier);
                w.WriteBoolean("batchNorm", m.BatchNorm);
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteTraining(Utf8JsonWriter w, ClassifyTrainingConfig t)
    {
        w.WriteStartObject("training");
        w.WriteString("loss", JsonNames.Of(t.Loss));
        ConfigWriter.WriteOptimizer(w, t.Optimizer, t.LearningRate, t.Momentum, t.Nesterov, t.Beta1, t.Beta2, t.WeightDecay);
        w.WriteNumber("batchSize", t.BatchSize);
        w.WriteNumber("epochs", t.Epochs);
        w.WriteString("schedule", JsonNames.Of(t.Schedule));
        w.WriteNumber("stepEpochs", t.StepEpochs);
        w.WriteNumber("gamma", t.Gamma);
        w.WriteNumber("checkpointEvery", t.CheckpointEvery);
        w.WriteNumber("labelSmoothing", t.LabelSmoothing);
        w.WriteNumber("mixup", t.Mixup);
        w.WriteStartObject("augment");
        w.WriteBoolean("flip", t.Augment.Flip);
        w.WriteNumber("crop", t.Augment.Crop);
        w.WriteNumber("cutout", t.Augment.Cutout);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteProbe(Utf8JsonWriter w, ClassifyProbeConfig p)
    {
        w.WriteStartObject("probe");
        w.WriteNumber("every", p.Every);
        w.WriteNumber("evalBatchSize", p.EvalBatchSize);
        if (p.Filtering is { } f)
        {
            w.WriteStartObject("filtering");
            w.WriteStartArray("deltas");
            foreach (var delta in f.Deltas) w.WriteNumberValue(delta);
            w.WriteEndArray();
            w.WriteNumber("threshold", f.Threshold);
            ConfigWriter.WriteNullable(w, "samples", f.Samples);
            w.WriteNumber("cacheBudgetMiB", f.CacheBudgetMiB);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("filtering");
        }

        if (p.Projection is { } j)
        {
            w.WriteStartObject("projection");
            w.WriteStartObject("direction");
            w.WriteString("kind", JsonNames.Of(j.Direction));
            switch (j.Direction)
            {
                case DirectionKind.Pca:
                    w.WriteNumber("component", j.Component);
                    break;
                case DirectionKind.Random:
                    w.WriteNumber("seed", j.DirectionSeed);
                    break;
                default:
                    w.WriteStartArray("values");
                    foreach (var v in j.Vector) w.WriteNumberValue(v);
                    w.WriteEndArray();
                    break;
            }

            w.WriteEndObject();
            w.WriteStartObject("frequencies");
            w.WriteNumber("count", j.FrequencyCount);
            ConfigWriter.WriteNullable(w, "max", j.MaxFrequency);
            w.WriteEndObject();
            ConfigWriter.WriteNullable(w, "outputComponent", j.OutputComponent);
            w.WriteNumber("minRelativeHeight", j.MinRelativeHeight);
            w.WriteNumber("epsilon", j.Epsilon);
            w.WriteString("errorForm", JsonNames.Of(j.ErrorForm));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("projection");
        }

        if (p.Paths is { } paths)
        {
            w.WriteStartObject("paths");
            w.WriteNumber("within", paths.Within);
            w.WriteNumber("between", paths.Between);
            w.WriteNumber("spacing", paths.Spacing);
            w.WriteNumber("maxPoints", paths.MaxPoints);
            w.WriteNumber("gridPoints", paths.GridPoints);
            ConfigWriter.WriteNullable(w, "cutoff", paths.Cutoff);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("paths");
        }

        w.WriteEndObject();
    }
}
