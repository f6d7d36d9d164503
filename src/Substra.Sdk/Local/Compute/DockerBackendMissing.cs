using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Local.Compute;

/// <summary>The error of a <c>docker</c> client or task on a platform that was given no <see cref="IDockerBackend"/>.</summary>
internal static class DockerBackendMissing
{
    public const string Message =
        "The docker backend is in the Substra.Sdk.Docker package, which this client was not given: reference it "
        + "(dotnet add package Substra.Sdk.Docker) and call UseDocker() on the SubstraClientOptions "
        + "(options.UseDocker(), or services.AddSubstra(options => options.UseDocker()) with Substra.Sdk.Hosting), or WithDocker() on the "
        + "LocalPlatformOptions of a LocalPlatform. Or run the tasks as processes with the backend type 'subprocess'.";

    public static BadConfigurationException Exception() => new(Message);
}
