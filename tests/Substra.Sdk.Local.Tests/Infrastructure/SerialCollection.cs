namespace Substra.Sdk.Local.Tests.Infrastructure;

/// <summary>Tests that observe timing run alone, never beside other tests.</summary>
[CollectionDefinition(nameof(SerialCollection), DisableParallelization = true)]
public sealed class SerialCollection;
