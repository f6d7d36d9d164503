using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>Reads with the server's semantics: filters, ordering, downloads, descriptions, organisations, renames.</summary>
public sealed class ReadTests : IAsyncLifetime
{
    private readonly LocalNetwork _network = new(organizations: 2);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task Organisations_share_the_store_and_know_which_one_is_current()
    {
        var first = await _network[0].GetOrganizationInfoAsync(None);
        var second = await _network[1].GetOrganizationInfoAsync(None);

        Assert.NotEqual(first.OrganizationId, second.OrganizationId);
        Assert.Matches("^MyOrg[0-9]+MSP$", first.OrganizationId);
        Assert.Equal(first.OrganizationId, first.OrganizationName);
        Assert.Equal("http://fakeurl.fake", first.Host);
        Assert.Equal("channel1", first.Channel);
        Assert.Equal("fake", first.OrchestratorVersion);
        Assert.True(first.Config.ModelExportEnabled);
        var seenByFirst = await _network[0].ListOrganizationsAsync(None);
        var seenBySecond = await _network[1].ListOrganizationsAsync(None);
        Assert.True(seenByFirst.Single(org => org.Id == first.OrganizationId).IsCurrent);
        Assert.False(seenByFirst.Single(org => org.Id == second.OrganizationId).IsCurrent);
        Assert.True(seenBySecond.Single(org => org.Id == second.OrganizationId).IsCurrent);
        Assert.Single(seenBySecond, org => org.IsCurrent);

        var function = await _network.AddFunctionAsync(0, "train", DataInputs, [Output("model", AssetKind.Model)]);
        Assert.Equal(first.OrganizationId, (await _network[1].GetFunctionAsync(function, None)).Owner);
    }

    [Fact]
    public async Task Functions_and_datasets_are_described_downloaded_and_renamed()
    {
        var function = await _network.AddFunctionAsync(0, "train", DataInputs, [Output("model", AssetKind.Model)]);
        var (dataset, samples) = await _network.AddDatasetAsync(1, [(1, 1)]);

        Assert.Equal("# train\n", await _network[1].DescribeFunctionAsync(function, None));
        Assert.Equal("# data\n", await _network[0].DescribeDatasetAsync(dataset, None));
        var archive = Path.Combine(_network.Root, "downloads", "function.tar.gz");
        await _network[1].DownloadFunctionArchiveAsync(function, archive, None);
        var stored = await _network[0].GetFunctionAsync(function, None);
        Assert.Equal(await File.ReadAllBytesAsync(stored.Archive.StorageAddress), await File.ReadAllBytesAsync(archive));
        Assert.Equal(PythonFunctions.Sha256(archive), stored.Archive.Checksum);
        // Content-addressed in the platform's files: files/<sha256>/<role>, never a name the user gave.
        Assert.Equal(Path.Combine(_network[0].TemporaryDirectory!, stored.Archive.Checksum, "function-archive"), stored.Archive.StorageAddress);
        var opener = Path.Combine(_network.Root, "downloads", "opener.py");
        await _network[0].DownloadDatasetOpenerAsync(dataset, opener, None);
        Assert.Equal(await File.ReadAllTextAsync(PythonFunctions.OpenerPath), await File.ReadAllTextAsync(opener));

        await _network[0].UpdateFunctionAsync(function, new UpdateFunctionSpec { Name = "renamed function" }, None);
        await _network[0].UpdateDatasetAsync(dataset, new UpdateDatasetSpec { Name = "renamed dataset" }, None);
        Assert.Equal("renamed function", (await _network[1].GetFunctionAsync(function, None)).Name);
        var renamed = await _network[1].GetDatasetAsync(dataset, None);
        Assert.Equal("renamed dataset", renamed.Name);
        Assert.Equal(samples, renamed.DataSampleKeys);
        Assert.Equal([dataset], (await _network[0].GetDataSampleAsync(samples[0], None)).DataManagerKeys);
        await Assert.ThrowsAsync<NotFoundException>(() => _network[0].DescribeFunctionAsync("missing", None));
    }

    [Fact]
    public async Task Samples_are_linked_to_more_datasets()
    {
        var (first, samples) = await _network.AddDatasetAsync(0, [(1, 1)], [(2, 2)]);
        var (second, _) = await _network.AddDatasetAsync(0);

        var linked = await _network[0].LinkDatasetWithDataSamplesAsync(second, samples, None);
        await _network[0].LinkDatasetWithDataSamplesAsync(second, samples, None);

        Assert.Equal(samples, linked);
        Assert.Equal(samples, (await _network[0].GetDatasetAsync(second, None)).DataSampleKeys);
        Assert.Equal([first, second], (await _network[0].GetDataSampleAsync(samples[1], None)).DataManagerKeys);
        var inSecond = await _network[0].ListDataSamplesAsync(Query(("dataset_key", [second])), None);
        Assert.Equal(samples.OrderBy(key => key), inSecond.Select(sample => sample.Key).OrderBy(key => key));
    }

    [Fact]
    public async Task List_filters_have_the_server_semantics_and_ordering()
    {
        var marker = Guid.NewGuid().ToString("N");
        var older = await _network.AddFunctionAsync(0, $"train {marker} one", DataInputs, [Output("model", AssetKind.Model)]);
        await Task.Delay(20);
        var newer = await _network.AddFunctionAsync(1, $"train {marker} two", DataInputs, [Output("model", AssetKind.Model)]);
        var orgB = await _network.OrganizationIdAsync(1);

        var byName = await _network[0].ListFunctionsAsync(new ListQuery(new ListFilters { Name = marker }), None);
        var ascending = await _network[0].ListFunctionsAsync(new ListQuery(new ListFilters { Name = marker }, Ascending: true), None);
        var byNameAndOwner = await _network[0].ListFunctionsAsync(new ListQuery(new ListFilters
        {
            Name = marker,
            Values = new Dictionary<string, IReadOnlyList<string>> { ["owner"] = [orgB] },
        }), None);
        var byKeys = await _network[0].ListFunctionsAsync(Query(("key", [older, newer])), None);
        var longerName = await _network[0].ListFunctionsAsync(new ListQuery(new ListFilters { Name = $"train {marker} one and more" }), None);

        Assert.Equal([newer, older], byName.Select(function => function.Key));
        Assert.Equal([older, newer], ascending.Select(function => function.Key));
        Assert.Equal([newer], byNameAndOwner.Select(function => function.Key));
        Assert.Equal([newer, older], byKeys.Select(function => function.Key));
        Assert.Empty(longerName);
    }

    [Fact]
    public async Task Task_and_plan_filters_match_statuses_ranks_and_metadata()
    {
        var org = await _network.OrganizationIdAsync(0);
        var sleep = await _network.AddFunctionAsync(0, "sleep_one_second", [], [Output("model", AssetKind.Model)]);
        var marker = Guid.NewGuid().ToString("N");
        var spec = new ComputePlanSpec
        {
            Name = $"plan {marker}",
            Metadata = new Dictionary<string, string> { ["marker"] = marker },
            Tasks =
            [
                new ComputePlanTaskSpec
                {
                    TaskId = Guid.NewGuid().ToString(), FunctionKey = sleep, Worker = org,
                    Metadata = new Dictionary<string, string> { ["marker"] = marker },
                    Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
                },
            ],
        };
        await _network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);
        await _network.WaitForPlanAsync(spec.Key);

        var done = await _network[1].ListTasksAsync(Query(("status", ["STATUS_DONE"]), ("compute_plan_key", [spec.Key]), ("rank", ["0"])), None);
        var failed = await _network[1].ListTasksAsync(Query(("status", ["STATUS_FAILED"]), ("compute_plan_key", [spec.Key])), None);
        var plans = await _network[1].ListComputePlansAsync(Query(("status", ["PLAN_STATUS_DONE"]), ("worker", [org])) with
        {
            Filters = new ListFilters
            {
                Values = new Dictionary<string, IReadOnlyList<string>> { ["status"] = ["PLAN_STATUS_DONE"], ["worker"] = [org] },
                Metadata = [new MetadataFilter("marker", MetadataFilterType.Is, marker)],
            },
        }, None);
        var byTaskMetadata = await _network[1].ListTasksAsync(new ListQuery(new ListFilters
        {
            Metadata = [new MetadataFilter("marker", MetadataFilterType.Contains, marker[..8]), new MetadataFilter("marker", MetadataFilterType.Exists)],
        }), None);
        var byPlanName = await _network[1].ListComputePlansAsync(new ListQuery(new ListFilters { Name = marker }), None);

        Assert.Equal([spec.Tasks[0].TaskId], done.Select(task => task.Key));
        Assert.Empty(failed);
        Assert.Equal([spec.Key], plans.Select(plan => plan.Key));
        Assert.Equal([spec.Tasks[0].TaskId], byTaskMetadata.Select(task => task.Key));
        Assert.Equal([spec.Key], byPlanName.Select(plan => plan.Key));
        Assert.Equal(ComputePlanStatus.Done, byPlanName[0].Status);
    }

    private static ListQuery Query(params (string Name, string[] Values)[] filters) => new(new ListFilters
    {
        Values = filters.ToDictionary(filter => filter.Name, filter => (IReadOnlyList<string>)filter.Values),
    });
}
