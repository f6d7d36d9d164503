using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Remote.Tests.Infrastructure;

namespace Substra.Sdk.Remote.Tests;

/// <summary>
/// Only compute plans and tasks filter on metadata: the platform ignores the parameter on functions and datasets and lists
/// everything, so the client refuses it before sending anything.
/// </summary>
public sealed class MetadataFilterTests : PlatformTest
{
    private static Dictionary<string, object?> Metadata() =>
        new() { ["metadata"] = new List<object?> { new MetadataFilter("round", MetadataFilterType.Is, "1") } };

    [Fact]
    public async Task Functions_and_datasets_refuse_a_metadata_filter_without_a_request()
    {
        await using var client = new SubstraClient(CreateBackend());

        var function = await Assert.ThrowsAsync<NotAllowedFilterException>(() => client.ListFunctionAsync(Metadata()));
        var dataset = await Assert.ThrowsAsync<NotAllowedFilterException>(() => client.ListDatasetAsync(Metadata()));

        Assert.StartsWith("Cannot filter on metadata. Please review the documentation, filtering allowed only on ['key', 'name', 'owner', 'permissions'", function.Message);
        Assert.StartsWith("Cannot filter on metadata.", dataset.Message);
        Assert.Empty(Platform.Requests);
    }

    [Fact]
    public async Task Plans_and_tasks_send_their_metadata_filter()
    {
        await using var client = new SubstraClient(CreateBackend());

        await client.ListComputePlanAsync(Metadata());
        await client.ListTaskAsync(Metadata());

        Assert.Equal(["/compute_plan/", "/task/"], Platform.Requests.Select(r => r.Path));
        Assert.All(Platform.Requests, r => Assert.Equal(["""[{"key":"round","type":"is","value":"1"}]"""], r.Query["metadata"]));
    }
}
