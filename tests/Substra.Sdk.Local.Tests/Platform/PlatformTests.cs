using System.Diagnostics;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Platform;

/// <summary>The platform object: event-driven waits, in-memory mode, transient outputs and freeing a plan's outputs.</summary>
public sealed class PlatformTests : IDisposable
{
    private readonly PlatformWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task A_wait_returns_when_the_plan_ends_not_at_the_next_poll()
    {
        await using var platform = _world.Open(inMemory: true);
        await using var client = platform.CreateClient("org-1");
        var chain = await _world.ChainAsync(client, "train");
        await client.AddComputePlanAsync(chain.Plan);

        // A poll every minute: only the platform's change signal can end this wait in time.
        var waiting = Stopwatch.StartNew();
        var plan = await client.WaitComputePlanAsync(chain.Plan.Key, pollingPeriod: TimeSpan.FromMinutes(1));
        Assert.Equal(ComputePlanStatus.Done, plan.Status);
        Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(45), $"the wait took {waiting.Elapsed}: it slept through its polling period");
    }

    [Fact]
    public async Task An_in_memory_platform_keeps_no_database_and_forgets_everything()
    {
        await using (var platform = _world.Open(inMemory: true))
        {
            await using var client = platform.CreateClient("org-1");
            await _world.AddDatasetAsync(client, (1, 1));
            Assert.False(platform.IsDurable);
        }

        Assert.False(File.Exists(Path.Combine(_world.Workspace, "platform.db")));
        await using var again = _world.Open(inMemory: true);
        await using var reader = again.CreateClient("org-1");
        Assert.Empty(await reader.ListDatasetAsync());
    }

    [Fact]
    public async Task Transient_outputs_are_deleted_once_their_consumers_are_done_and_a_plan_outputs_can_be_freed()
    {
        await using var platform = _world.Open();
        await using var client = platform.CreateClient("org-1");
        var chain = await _world.ChainAsync(client, "train");
        var transient = chain.Plan with
        {
            Tasks = [chain.Plan.Tasks![0] with { Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput with { IsTransient = true } } },
                .. chain.Plan.Tasks!.Skip(1)],
        };
        await client.AddComputePlanAsync(transient);
        await client.WaitComputePlanAsync(transient.Key);

        var firstModel = Assert.Single(await client.ListModelAsync(new Filters.ModelFilter { ComputeTaskKeys = [chain.First] }));
        Assert.Null(firstModel.Address);
        var secondModel = Assert.Single(await client.ListModelAsync(new Filters.ModelFilter { ComputeTaskKeys = [chain.Second] }));
        Assert.True(File.Exists(secondModel.Address!.StorageAddress));
        var logs = Directory.GetFiles(Path.Combine(_world.Workspace, "logs"));
        Assert.Equal(3, logs.Length);

        var deleted = await platform.DeleteComputePlanOutputsAsync(transient.Key);

        Assert.Equal(4, deleted);
        Assert.False(File.Exists(secondModel.Address.StorageAddress));
        Assert.Null((await client.GetModelAsync(secondModel.Key)).Address);
        Assert.Empty(Directory.GetFiles(Path.Combine(_world.Workspace, "logs")));
        Assert.Equal(ComputePlanStatus.Done, (await client.GetComputePlanAsync(transient.Key)).Status);
    }

    [Fact]
    public async Task The_outputs_of_a_running_plan_cannot_be_deleted()
    {
        await using var platform = _world.Open(inMemory: true);
        await using var client = platform.CreateClient("org-1");
        var chain = await _world.ChainAsync(client);
        await client.AddComputePlanAsync(chain.Plan);

        var error = await Assert.ThrowsAsync<Exceptions.InvalidRequestException>(() => platform.DeleteComputePlanOutputsAsync(chain.Plan.Key));
        Assert.Contains("wait for it to finish", error.Message);
        await client.CancelComputePlanAsync(chain.Plan.Key);
    }
}
