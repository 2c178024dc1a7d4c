namespace FreqScope.Tests.Support;

/// <summary>Tests that touch libtorch run one at a time: they share one native runtime and its thread pool.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
