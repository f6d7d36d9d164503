using Substra.Sdk.Local.Compute.Subprocess;

namespace Substra.Sdk.Local.Tests.Compute;

public sealed class SubprocessSpawnerOptionsTests
{
    [Fact]
    public void Python_comes_from_the_option_then_SUBSTRA_PYTHON_then_python3()
    {
        var previous = Environment.GetEnvironmentVariable(SubprocessSpawnerOptions.PythonEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(SubprocessSpawnerOptions.PythonEnvironmentVariable, "/opt/python/bin/python3.12");
            Assert.Equal("/opt/python/bin/python3.12", new SubprocessSpawnerOptions().ResolvePython());
            Assert.Equal("/usr/bin/python3", new SubprocessSpawnerOptions { PythonInterpreter = "/usr/bin/python3" }.ResolvePython());
            Environment.SetEnvironmentVariable(SubprocessSpawnerOptions.PythonEnvironmentVariable, null);
            Assert.Equal("python3", new SubprocessSpawnerOptions().ResolvePython());
        }
        finally
        {
            Environment.SetEnvironmentVariable(SubprocessSpawnerOptions.PythonEnvironmentVariable, previous);
        }
    }

    [Fact]
    public void The_dotnet_host_is_an_existing_dotnet_executable()
    {
        var host = new SubprocessSpawnerOptions().ResolveDotnetHost();

        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(host));
        Assert.True(File.Exists(host), host);
        Assert.Equal("/custom/dotnet", new SubprocessSpawnerOptions { DotnetHost = "/custom/dotnet" }.ResolveDotnetHost());
    }

    [Theory]
    [InlineData("SUBSTRA_ORG_1_TOKEN", true)]
    [InlineData("SUBSTRA_ORG_1_PASSWORD", true)]
    [InlineData("substra_org_username", true)]
    [InlineData("SUBSTRA_ORG_1_URL", false)]
    [InlineData("SUBSTRA_PYTHON", false)]
    [InlineData("MY_TOKEN", false)]
    public void Client_secrets_never_reach_tasks(string name, bool secret) => Assert.Equal(secret, TaskEnvironment.IsSecret(name));
}
