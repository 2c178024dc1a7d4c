namespace FreqScope.Sweeps;

/// <summary>One swept key of a sweep: a dotted path into the config and the values it takes.</summary>
/// <param name="Path">Dotted path into the config, e.g. <c>model.hidden</c> or <c>training.weightDecay</c>.</param>
/// <param name="Values">The values, each as compact JSON text (e.g. <c>0.001</c>, <c>[200]</c>, <c>"relu"</c>).</param>
public sealed record SweepAxis(string Path, IReadOnlyList<string> Values);
