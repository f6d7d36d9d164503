using Substra.Sdk.Configuration;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;

namespace Substra.Sdk.Local.Tests.Infrastructure;

/// <summary>Clients of a local subprocess platform in a temp workspace, and specs of the Python test functions under any name.</summary>
public static class LocalClients
{
    public static SubstraClient Create(TempDirectory temp) => new(new SubstraClientOptions
    {
        BackendType = BackendType.LocalSubprocess,
        WorkspaceDirectory = temp.Combine("local-worker"),
        PythonInterpreter = SpawnerFixture.Python,
        MaxParallelTasks = 2,
        ConfigurationFile = "",
    });

    /// <summary>The Python function <paramref name="pythonFunction"/> registered as <paramref name="name"/> (its name on the platform).</summary>
    public static FunctionSpec Function(
        TempDirectory temp, string pythonFunction, IReadOnlyList<FunctionInputSpec> inputs, IReadOnlyList<FunctionOutputSpec> outputs, string? name = null)
    {
        var folder = temp.Combine("functions", Guid.NewGuid().ToString("N"));
        var archive = PythonFunctions.Archive(folder, pythonFunction);
        var description = Path.Combine(folder, "description.md");
        File.WriteAllText(description, $"# {pythonFunction}\n");
        return new FunctionSpec
        {
            Name = name ?? pythonFunction, File = archive, Description = description, Permissions = Permissions.PublicAccess, Inputs = inputs, Outputs = outputs,
        };
    }

    public static IReadOnlyList<FunctionOutputSpec> ModelOutput => [new() { Identifier = "model", Kind = AssetKind.Model }];

    public static IReadOnlyList<FunctionInputSpec> ModelsInput => [new() { Identifier = "models", Kind = AssetKind.Model, Multiple = true }];

    public static Dictionary<string, ComputeTaskOutputSpec> PublicModel => new() { ["model"] = new() { Permissions = Permissions.PublicAccess } };
}
