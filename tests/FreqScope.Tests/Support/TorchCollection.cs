namespace FreqScope.Tests.Support;

/// <summary>
/// Tests that touch libtorch, or change process-wide state such as environment variables, run one at a time and
/// apart from all other tests: they share one native runtime, its thread pool and the process environment.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
