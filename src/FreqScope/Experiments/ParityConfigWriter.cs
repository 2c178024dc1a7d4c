namespace FreqScope.Experiments;

/// <summary>Writes a <see cref="ParityExperimentConfig"/> in the shape <see cref="ParityConfigLoader"/> reads, every value explicit.</summary>
internal static class ParityConfigWriter
{
    public static string Write(ParityExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ConfigWriter.Document(w =>
        {
            ConfigWriter.WriteHeader(w, config);
            w.WriteStartObject("data");
            w.WriteNumber("dimension", config.Data.Dimension);
            ConfigWriter.WriteNullable(w, "points", config.Data.Points);
            w.WriteNumber("trainFraction", config.Data.TrainFraction);
            w.WriteEndObject();

            ConfigWriter.WriteModel(w, config.Model);

            var t = config.Training;
            w.WriteStartObject("training");
            ConfigWriter.WriteOptimizer(w, t.Optimizer, t.LearningRate, t.Momentum, t.Nesterov, t.Beta1, t.Beta2, t.WeightDecay);
            ConfigWriter.WriteNullable(w, "batchSize", t.BatchSize);
            w.WriteNumber("steps", t.Steps);
            w.WriteNumber("checkpointEvery", t.CheckpointEvery);
            w.WriteEndObject();

            var p = config.Probe;
            w.WriteStartObject("probe");
            w.WriteNumber("every", p.Every);
            w.WriteNumber("maxRadius", p.MaxRadius);
            w.WriteNumber("radii", p.Radii);
            w.WriteNumber("directions", p.Directions);
            w.WriteNumber("targetDirections", p.TargetDirections);
            w.WriteNumber("bands", p.Bands);
            w.WriteNumber("epsilon", p.Epsilon);
            w.WriteEndObject();
        });
    }
}
