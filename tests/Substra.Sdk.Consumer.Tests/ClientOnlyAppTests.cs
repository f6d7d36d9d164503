using Xunit.Abstractions;

namespace Substra.Sdk.Consumer.Tests;

/// <summary>A console app that references Substra.Sdk only: the client, without Docker, DI hosting, the in-task runtime or the function build.</summary>
[Collection(DotnetBuildsCollection.Name)]
public sealed class ClientOnlyAppTests(ITestOutputHelper output)
{
    private const string Program = """
        using Substra.Sdk;
        using Substra.Sdk.Configuration;
        using Substra.Sdk.Exceptions;

        var workspace = args[0];
        await using (var client = new SubstraClient(new SubstraClientOptions
        {
            BackendType = BackendType.LocalSubprocess, WorkspaceDirectory = workspace, ClientName = "org-1",
        }))
        {
            Console.WriteLine($"subprocess client of {(await client.OrganizationInfoAsync()).OrganizationId}");
        }

        try
        {
            await using var docker = new SubstraClient(new SubstraClientOptions { BackendType = BackendType.LocalDocker, WorkspaceDirectory = workspace });
            Console.WriteLine("a docker client was created without the docker package");
            return 1;
        }
        catch (BadConfigurationException e)
        {
            Console.WriteLine($"docker refused: {e.Message}");
            return 0;
        }
        """;

    [Fact]
    public async Task Its_output_has_no_Docker_client_no_HttpClientFactory_resilience_no_DI_or_logging_implementation_and_no_function_build()
    {
        using var app = new ConsumerApp(Program, "src/Substra.Sdk/Substra.Sdk.csproj");
        await app.BuildAsync();

        var files = app.OutputFiles;
        output.WriteLine($"{files.Count} files, {app.OutputBytes / (1024.0 * 1024):F1} MB in the output of a console app referencing Substra.Sdk only:");
        output.WriteLine(string.Join("\n", files));
        Assert.DoesNotContain(files, file => Path.GetFileName(file).StartsWith("Docker.DotNet", StringComparison.Ordinal));
        string[] notForTheClient =
        [
            "Microsoft.Extensions.Http.dll", "Microsoft.Extensions.Http.Resilience.dll", "Microsoft.Extensions.Resilience.dll",
            "Polly.Extensions.dll", "Microsoft.Extensions.Telemetry.dll", "Substra.Sdk.Docker.dll", "Substra.Sdk.Hosting.dll",
        ];
        Assert.DoesNotContain(files, file => notForTheClient.Contains(Path.GetFileName(file)));
        Assert.Contains("Substra.Sdk.dll", files);

        // The in-task runtime and the DI and logging implementations it hosts functions with are for function projects:
        // the client logs to the application's ILoggerFactory (abstractions) and takes the shared types from the contracts.
        string[] functionRuntime =
        [
            "Substra.Tools.dll", "Microsoft.Extensions.DependencyInjection.dll", "Microsoft.Extensions.Logging.dll",
            "Microsoft.Extensions.Options.dll",
        ];
        Assert.DoesNotContain(files, file => functionRuntime.Contains(Path.GetFileName(file)));
        Assert.Contains("Substra.Tools.Contracts.dll", files);
        Assert.Contains("Microsoft.Extensions.Logging.Abstractions.dll", files);

        // The function build (archives, the generated SubstraArtifacts class) is for function projects, not for this app.
        Assert.DoesNotContain(files, file => file.EndsWith(".zip", StringComparison.Ordinal) || file.Contains(".tar", StringComparison.Ordinal));
        var generated = Directory.EnumerateFiles(Path.Combine(app.Root, "obj"), "*.cs", SearchOption.AllDirectories)
            .Where(file => File.ReadAllText(file).Contains("SubstraArtifacts", StringComparison.Ordinal)).ToList();
        Assert.Empty(generated);

        // The docker backend type is refused with the way to add it.
        var run = await app.RunAsync(Path.Combine(app.Root, "local-worker"));
        Assert.Contains("subprocess client of ", run, StringComparison.Ordinal);
        Assert.Contains("docker refused: The docker backend is in the Substra.Sdk.Docker package", run, StringComparison.Ordinal);
        Assert.Contains("dotnet add package Substra.Sdk.Docker", run, StringComparison.Ordinal);
        Assert.Contains("UseDocker()", run, StringComparison.Ordinal);
    }
}
