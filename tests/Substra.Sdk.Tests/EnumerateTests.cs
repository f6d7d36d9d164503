using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Models;
using Substra.Tests.Shared;

namespace Substra.Sdk.Tests;

/// <summary>The IAsyncEnumerable listings: validated when called, whole lists from backends that do not page.</summary>
public sealed class EnumerateTests
{
    [Fact]
    public void Bad_filters_and_orderings_are_refused_by_the_call_itself_before_any_backend_call()
    {
        var backend = new RecordingBackend();
        using var client = new SubstraClient(backend);

        Assert.Throws<NotAllowedFilterException>(() => client.EnumerateTasksAsync(new Dictionary<string, object?> { ["name"] = "x" }));
        Assert.Throws<OrderingFormatException>(() => client.EnumerateComputePlansAsync(orderBy: "rank"));
        Assert.Throws<NotAllowedFilterException>(() => client.EnumerateFunctionsAsync(
            new Dictionary<string, object?> { ["metadata"] = new List<object?> { new MetadataFilter("round", MetadataFilterType.Exists) } }));

        Assert.Empty(backend.Calls);
    }

    [Fact]
    public async Task A_backend_without_pages_yields_its_whole_list_in_order_with_the_validated_query()
    {
        using var spans = new ActivityCollector(nameof(A_backend_without_pages_yields_its_whole_list_in_order_with_the_validated_query));
        var backend = new RecordingBackend();
        backend.ListedTasks.AddRange([Task("t1"), Task("t2"), Task("t3")]);
        await using var client = new SubstraClient(backend);

        var keys = new List<string>();
        await foreach (var task in client.EnumerateTasksAsync(new TaskFilter { ComputePlanKeys = ["cp"] }, OrderingField.EndDate, ascending: true))
        {
            keys.Add(task.Key);
        }

        Assert.Equal(["t1", "t2", "t3"], keys);
        var query = Assert.IsType<ListQuery>(Assert.Single(backend.Arguments));
        Assert.Equal(["cp"], query.Filters.Values["compute_plan_key"]);
        Assert.Equal(OrderingField.EndDate, query.OrderBy);
        var span = Assert.Single(spans.Named("SubstraClient.EnumerateTasksAsync"));
        Assert.Equal(3L, span.GetTagItem("substra.list.items"));
    }

    [Fact]
    public async Task Nothing_is_requested_until_the_enumeration_starts()
    {
        var backend = new RecordingBackend();
        backend.ListedTasks.Add(Task("t1"));
        await using var client = new SubstraClient(backend);

        var tasks = client.EnumerateTasksAsync();
        Assert.Empty(backend.Calls);

        await using var enumerator = tasks.GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());
        Assert.Equal(["ListTasks"], backend.Calls);
    }

    private static ComputeTask Task(string key) => new()
    {
        Key = key, Owner = "org", ComputePlanKey = "cp", Status = ComputeTaskStatus.Done, Worker = "org", CreationDate = DateTimeOffset.UnixEpoch,
        Function = new Function
        {
            Key = "f", Name = "f", Owner = "org", Status = FunctionStatus.Ready, CreationDate = DateTimeOffset.UnixEpoch,
            Permissions = new AssetPermissions { Process = new Permission { Public = true, AuthorizedIds = [] } },
            Description = new AssetFile { Checksum = "c", StorageAddress = "d" },
            Archive = new AssetFile { Checksum = "c", StorageAddress = "a" },
        },
    };
}
