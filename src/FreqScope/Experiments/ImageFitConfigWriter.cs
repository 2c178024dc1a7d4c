namespace FreqScope.Experiments;

/// <summary>Writes an <see cref="ImageFitExperimentConfig"/> in the shape <see cref="ImageFitConfigLoader"/> reads, every value explicit.</summary>
internal static class ImageFitConfigWriter
{
    public static string Write(ImageFitExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ConfigWriter.Document(w =>
        {
            ConfigWriter.WriteHeader(w, config);
            w.WriteStartObject("image");
            w.WriteString("source", config.Image.Source);
            if (config.Image.Source == ImageSourceConfig.Pgm) w.WriteString("path", config.Image.Path);
            else w.WriteNumber("size", config.Image.Size);
            w.WriteEndObject();
            ConfigWriter.WriteModel(w, config.Model);
            var t = config.Training;
            w.WriteStartObject("training");
            ConfigWriter.WriteOptimizer(w, t.Optimizer, t.LearningRate, t.Momentum, t.Nesterov, t.Beta1, t.Beta2, t.WeightDecay);
            w.WriteNumber("steps", t.Steps);
            w.WriteNumber("checkpointEvery", t.CheckpointEvery);
            w.WriteEndObject();
            var p = config.Probe;
            w.WriteStartObject("probe");
            w.WriteNumber("every", p.Every);
            w.WriteNumber("bands", p.Bands);
            w.WriteNumber("epsilon", p.Epsilon);
            w.WriteNumber("snapshots", p.Snapshots);
            w.WriteEndObject();
        });
    }
}
