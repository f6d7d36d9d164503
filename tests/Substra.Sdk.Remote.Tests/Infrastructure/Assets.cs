using Substra.Sdk.Schemas;
using Substra.Tools.Schema;

namespace Substra.Sdk.Remote.Tests.Infrastructure;

/// <summary>Specs of real files written in a temp folder.</summary>
public static class Assets
{
    public static FunctionSpec Function(TempDirectory temp, string name = "train") => new()
    {
        Name = name,
        File = temp.File($"{name}/function.zip", "archive bytes of " + name),
        Description = temp.File($"{name}/description.md", "# " + name),
        Permissions = Permissions.PublicAccess,
        Inputs =
        [
            new FunctionInputSpec { Identifier = "opener", Kind = AssetKind.DataManager, Optional = false, Multiple = false },
            new FunctionInputSpec { Identifier = "datasamples", Kind = AssetKind.DataSample, Optional = false, Multiple = true },
            new FunctionInputSpec { Identifier = "model", Kind = AssetKind.Model, Optional = true, Multiple = false },
        ],
        Outputs = [new FunctionOutputSpec { Identifier = "model", Kind = AssetKind.Model, Multiple = false }],
    };

    /// <summary>
    /// <see cref="Function"/> with an archive a local backend accepts (a zip with a Dockerfile whose ENTRYPOINT names the
    /// function): local registration checks archives, the platform stub does not.
    /// </summary>
    public static FunctionSpec LocalFunction(TempDirectory temp, string name = "train")
    {
        var spec = Function(temp, name);
        var archive = temp.Combine(name, "function-local.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(archive, System.IO.Compression.ZipArchiveMode.Create))
        using (var dockerfile = new StreamWriter(zip.CreateEntry("Dockerfile").Open()))
        {
            dockerfile.Write($"FROM python:3.11-slim\nCOPY . .\nENTRYPOINT [\"python3\", \"function.py\", \"--function-name\", \"{name}\"]\n");
        }

        return spec with { File = archive };
    }

    public static DatasetSpec Dataset(TempDirectory temp, string name = "mnist") => new()
    {
        Name = name,
        DataOpener = temp.File($"{name}/opener.py", "class Opener: pass"),
        Description = temp.File($"{name}/description.md", "# " + name),
        Permissions = Permissions.Private("MyOrg2MSP"),
        LogsPermission = Permissions.PublicAccess,
        Metadata = new Dictionary<string, string> { ["origin"] = "test" },
    };

    public static ComputePlanTaskSpec PlanTask(string id, string functionKey, params string[] parents) => new()
    {
        TaskId = id,
        FunctionKey = functionKey,
        Worker = "MyOrg1MSP",
        Inputs = parents.Select(p => InputRef.FromParentTask("model", p, "model")).ToArray(),
        Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = new() { Permissions = Permissions.PublicAccess } },
    };
}
