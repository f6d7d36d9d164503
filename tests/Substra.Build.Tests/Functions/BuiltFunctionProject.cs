using Substra.Build.Tests.Infrastructure;

namespace Substra.Build.Tests.Functions;

/// <summary>A function project built once and shared by the read-only tests of <see cref="FunctionArchiveTests"/>.</summary>
public sealed class BuiltFunctionProject : IAsyncLifetime
{
    internal TestProject Project { get; } = TestProject.Create("Demo.Functions", "Exe");

    internal ProcessResult FirstBuild { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Project.WriteFile("Functions.cs", ProjectSources.Functions());
        FirstBuild = await Project.BuildSuccessfullyAsync();
    }

    public Task DisposeAsync()
    {
        Project.Dispose();
        return Task.CompletedTask;
    }
}
