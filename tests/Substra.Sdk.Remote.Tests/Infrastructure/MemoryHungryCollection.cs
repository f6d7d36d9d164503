namespace Substra.Sdk.Remote.Tests.Infrastructure;

/// <summary>Tests that measure the process's memory run alone, so other tests do not move the figure.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryHungryCollection
{
    public const string Name = "memory-measurements";
}
