using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Schemas;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Platform;

/// <summary>Keys are keys, never paths: a key that looks like a path or like a workspace folder is refused, and nothing is touched.</summary>
public sealed class HostileKeyTests
{
    [Theory]
    [InlineData("../../victim")]
    [InlineData("/tmp/substra-victim")]
    [InlineData("outputs")]
    [InlineData("logs")]
    [InlineData("functions")]
    [InlineData("runs")]
    [InlineData("files")]
    [InlineData("")]
    public async Task A_task_key_that_is_not_a_uuid_is_refused_by_the_client_and_the_backend_and_nothing_is_touched(string key)
    {
        await using var network = new LocalNetwork();
        var org = await network.OrganizationIdAsync(0);
        var function = await network.AddFunctionAsync(0, "train", DataInputs, [Output("model", Tools.Schema.AssetKind.Model)]);
        var (dataset, samples) = await network.AddDatasetAsync(0, [(1, 2)]);
        var victim = Path.Combine(network.Root, "victim");
        Directory.CreateDirectory(victim);
        await File.WriteAllTextAsync(Path.Combine(victim, "precious.txt"), "keep me");
        var before = Directory.GetFileSystemEntries(network.Workspace).Order().ToList();
        var plan = new ComputePlanSpec
        {
            Name = "hostile",
            Tasks = [new() { TaskId = key, FunctionKey = function, Worker = org, Inputs = DataRefs(dataset, samples),
                Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput } }],
        };

        // The client's spec validation refuses it…
        var client = new SubstraClient(network[0]);
        var refused = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.AddComputePlanAsync(plan));
        Assert.Contains(key.Length == 0 ? "must be set" : "must be a UUID", refused.Message);

        // …and so does the local backend itself, naming the key, with nothing registered.
        if (key.Length > 0)
        {
            var error = await Assert.ThrowsAsync<InvalidRequestException>(() => network[0].AddComputePlanAsync(plan, BatchingOptions.Default, None));
            Assert.Contains($"'{key}' is not a UUID", error.Message);
        }

        Assert.Empty(await network[0].ListComputePlansAsync(new Filters.ListQuery(new Filters.ListFilters()), None));
        Assert.Equal("keep me", await File.ReadAllTextAsync(Path.Combine(victim, "precious.txt")));
        Assert.Equal(before, Directory.GetFileSystemEntries(network.Workspace).Order().ToList());
    }
}
