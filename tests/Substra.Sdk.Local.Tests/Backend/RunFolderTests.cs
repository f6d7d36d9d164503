using System.Text.Json;
using Substra.Sdk.Backends;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Local.Workspace;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>Run folders are reused from task to task, emptied (and their modes reset) in between, and never reused when a function replaced a volume.</summary>
public sealed class RunFolderTests
{
    [Fact]
    public async Task A_later_task_gets_the_emptied_folder_of_an_earlier_one_without_its_litter()
    {
        await using var network = new LocalNetwork(maxParallelTasks: 1);
        var org = await network.OrganizationIdAsync(0);
        var report = await network.AddFunctionAsync(0, "report_run_folder", [Input("model", AssetKind.Model, optional: true)], [Output("model", AssetKind.Model)]);
        var first = Guid.NewGuid().ToString();
        var firstPlan = new ComputePlanSpec { Name = "first", Tasks = [new ComputePlanTaskSpec { TaskId = first, FunctionKey = report, Worker = org, Outputs = Outputs() }] };
        await network[0].AddComputePlanAsync(firstPlan, BatchingOptions.Default, None);
        Assert.Equal(ComputePlanStatus.Done, (await network.WaitForPlanAsync(firstPlan.Key)).Status);
        var folder = (await SeenAsync(network, first)).GetProperty("folder").GetString()!;
        // Emptied in the background, off the task's path: the next task gets it once its volumes are empty again.
        await WaitUntilAsync(() => RunFolders.Volumes.All(volume => !Directory.EnumerateFileSystemEntries(Path.Combine(folder, volume)).Any()));

        var second = Guid.NewGuid().ToString();
        var secondPlan = new ComputePlanSpec
        {
            Name = "second",
            Tasks =
            [
                new ComputePlanTaskSpec
                {
                    TaskId = second, FunctionKey = report, Worker = org, Outputs = Outputs(), Inputs = [InputRef.FromParentTask("model", first, "model")],
                },
            ],
        };
        await network[0].AddComputePlanAsync(secondPlan, BatchingOptions.Default, None);
        Assert.Equal(ComputePlanStatus.Done, (await network.WaitForPlanAsync(secondPlan.Key)).Status);

        var seenBySecond = await SeenAsync(network, second);
        Assert.Equal(folder, seenBySecond.GetProperty("folder").GetString());
        Assert.Empty(seenBySecond.GetProperty("outputs").EnumerateArray());
        Assert.Equal((await SeenAsync(network, first)).GetProperty("outputs_mode").GetString(), seenBySecond.GetProperty("outputs_mode").GetString());
        // Only its own input, the parent's model: the first task's litter was removed before the folder was handed on.
        var inputs = seenBySecond.GetProperty("inputs").EnumerateArray().Select(name => name.GetString()).ToList();
        Assert.DoesNotContain("litter-folder", inputs);
        Assert.Single(inputs);

        await network[0].DisposeAsync();
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(network.Workspace, "runs")));
    }

    [Fact]
    public async Task A_folder_a_function_tampered_with_is_deleted_without_following_its_links_and_never_handed_on()
    {
        await using var network = new LocalNetwork(maxParallelTasks: 1);
        var outside = Path.Combine(network.Root, "outside");
        Directory.CreateDirectory(Path.Combine(outside, "keep"));
        await File.WriteAllTextAsync(Path.Combine(outside, "keep", "precious.txt"), "precious");
        var org = await network.OrganizationIdAsync(0);
        var trap = await network.AddFunctionAsync(0, "booby_trap_run_folder", [], [Output("model", AssetKind.Model)]);
        var report = await network.AddFunctionAsync(0, "report_run_folder", [Input("model", AssetKind.Model, optional: true)], [Output("model", AssetKind.Model)]);
        var first = Guid.NewGuid().ToString();
        var firstPlan = new ComputePlanSpec { Name = "booby trap", Tasks = [new ComputePlanTaskSpec { TaskId = first, FunctionKey = trap, Worker = org, Outputs = Outputs() }] };
        await network[0].AddComputePlanAsync(firstPlan, BatchingOptions.Default, None);
        Assert.Equal(ComputePlanStatus.Done, (await network.WaitForPlanAsync(firstPlan.Key)).Status);
        var trapped = (await SeenAsync(network, first, property: null)).GetProperty("folder").GetString()!;
        // Deleted in the background instead of emptied for reuse: its cli-args/ is a link, not the folder it made.
        await WaitUntilAsync(() => !Directory.Exists(trapped));
        Assert.Equal("precious", await File.ReadAllTextAsync(Path.Combine(outside, "keep", "precious.txt")));

        var second = Guid.NewGuid().ToString();
        var secondPlan = new ComputePlanSpec { Name = "after", Tasks = [new ComputePlanTaskSpec { TaskId = second, FunctionKey = report, Worker = org, Outputs = Outputs() }] };
        await network[0].AddComputePlanAsync(secondPlan, BatchingOptions.Default, None);
        Assert.Equal(ComputePlanStatus.Done, (await network.WaitForPlanAsync(secondPlan.Key)).Status);
        var seenBySecond = await SeenAsync(network, second);
        Assert.NotEqual(trapped, seenBySecond.GetProperty("folder").GetString());
        Assert.Empty(seenBySecond.GetProperty("inputs").EnumerateArray());
        await network[0].DisposeAsync();

        Assert.Equal("precious", await File.ReadAllTextAsync(Path.Combine(outside, "keep", "precious.txt")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(network.Workspace, "runs")));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the run folder was not emptied or deleted within 30 s");
            await Task.Delay(10);
        }
    }

    private static Dictionary<string, ComputeTaskOutputSpec> Outputs() => new() { ["model"] = PublicOutput };

    /// <summary>The model a task saved: its "seen" object (what its run folder held), or the whole model.</summary>
    private static async Task<JsonElement> SeenAsync(LocalNetwork network, string task, string? property = "seen")
    {
        var output = Assert.Single(await network[0].ListTaskOutputAssetsAsync(task, "model", None));
        using var model = JsonDocument.Parse(await File.ReadAllTextAsync(output.Model!.Address!.StorageAddress));
        var root = model.RootElement.Clone();
        return property is null ? root : root.GetProperty(property);
    }
}
