namespace Substra.Build.Tests.Infrastructure;

/// <summary>
/// The integration tests build the repository's projects into their shared bin/ folders: run them one at a time so
/// that two builds never write the same file at once.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BuildCollection
{
    public const string Name = "dotnet build";
}
