using System.Globalization;
using System.Text.Json.Nodes;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;

namespace FreqScope.Tests.Extending;

/// <summary>One decay run: its value, its table and its one checkpoint part.</summary>
internal sealed class DecaySession(DecayConfig config, RunContext context) : IRunSession
{
    private readonly RunTable<DecayTraceRow> _trace = DecayTraceRow.Csv.Table(context.RunDirectory);
    private readonly Value _x = new() { X = config.Start };

    public IExperimentConfig Config => config;

    public RunPlan Plan => new(config.Steps) { ProbeEvery = config.ProbeEvery, CheckpointEvery = config.CheckpointEvery };

    public IReadOnlyList<RunTable> Tables => [_trace];

    public IReadOnlyList<ICheckpointPart> CheckpointParts => [_x];

    public void Start(long? resumedAt)
    {
    }

    public bool Step(long step, CancellationToken cancellation)
    {
        _x.X -= config.Rate * (_x.X - config.Target);
        return true;
    }

    public RunProgress Probe(long step)
    {
        _trace.Append(new DecayTraceRow(step, _x.X));
        return context.At(step, config.Steps, ("x", _x.X));
    }

    public object Finish(long step, double trainingSeconds)
    {
        double error = Math.Abs(_x.X - config.Target);
        return new DecaySummary(_x.X, error, string.Create(CultureInfo.InvariantCulture, $"After {step} steps x is {_x.X:G6}, {error:G3} from the target."));
    }

    public object? Interrupt(long step) => null;

    public void Dispose() => _trace.Dispose();

    /// <summary>The state a checkpoint keeps: x, as a JSON number in state.json.</summary>
    private sealed class Value : ICheckpointPart
    {
        public double X { get; set; }

        public string Key => "x";

        public JsonNode? Save(string directory) => JsonValue.Create(X);

        public void Load(string directory, JsonNode? state) => X = state!.GetValue<double>();
    }
}
