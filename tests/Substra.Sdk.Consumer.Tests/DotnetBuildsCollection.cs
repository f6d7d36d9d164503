namespace Substra.Sdk.Consumer.Tests;

/// <summary>The tests build and pack the same src/ projects: one at a time, or their outputs would race.</summary>
[CollectionDefinition(Name)]
public sealed class DotnetBuildsCollection
{
    public const string Name = "dotnet builds of src/";
}
