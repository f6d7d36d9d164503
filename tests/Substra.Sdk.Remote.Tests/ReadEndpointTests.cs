using System.Text.Json.Nodes;
using Substra.Sdk.Backends;
using Substra.Sdk.Filters;
using Substra.Sdk.Remote.Tests.Infrastructure;
using Substra.Sdk.Remote.Tests.Platform;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Remote.Tests;

/// <summary>Gets, lists, downloads, descriptions and the other reads of the REST API.</summary>
public sealed class ReadEndpointTests : PlatformTest
{
    [Fact]
    public async Task Get_each_type_hits_its_path_and_parses_the_server_shape()
    {
        var functionKey = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        var datasetKey = await Backend.AddDatasetAsync(Assets.Dataset(Temp), None);
        Temp.File("s/x.csv", "1");
        var sampleKey = (await Backend.AddDataSamplesAsync(new DataSampleSpec { Path = Temp.Combine("s"), DataManagerKeys = [datasetKey] }, true, None))[0];
        var plan = await Backend.AddComputePlanAsync(
            new ComputePlanSpec { Name = "p", Tasks = [Assets.PlanTask("t1", functionKey)] }, BatchingOptions.Default, None);
        Platform.Store.Put("model", AssetPayloads.Model(Platform.BaseUrl, "m1", "t1", 10));
        Platform.ClearRequests();

        var function = await Backend.GetFunctionAsync(functionKey, None);
        var dataset = await Backend.GetDatasetAsync(datasetKey, None);
        var sample = await Backend.GetDataSampleAsync(sampleKey, None);
        var computePlan = await Backend.GetComputePlanAsync(plan.Key, None);
        var task = await Backend.GetTaskAsync("t1", None);
        var model = await Backend.GetModelAsync("m1", None);

        Assert.Equal(
            [$"/function/{functionKey}/", $"/data_manager/{datasetKey}/", $"/data_sample/{sampleKey}/", $"/compute_plan/{plan.Key}/", "/task/t1/", "/model/m1/"],
            Platform.Requests.Select(r => r.Path));
        Assert.All(Platform.Requests, r => Assert.Equal("GET", r.Method));
        Assert.Equal(["opener", "datasamples", "model"], function.Inputs.Select(i => i.Identifier));
        Assert.True(function.Inputs[1].Multiple);
        Assert.Equal($"{Platform.BaseUrl}/function/{functionKey}/file/", function.Archive.StorageAddress);
        Assert.Equal("mnist", dataset.Name);
        Assert.Equal([sampleKey], dataset.DataSampleKeys);
        Assert.Equal([datasetKey], sample.DataManagerKeys);
        Assert.Equal(90, computePlan.Duration);
        Assert.Equal(1, computePlan.TaskCount);
        Assert.Equal(functionKey, task.Function.Key);
        Assert.Equal(plan.Key, task.ComputePlanKey);
        Assert.Equal("t1", model.ComputeTaskKey);
    }

    [Fact]
    public async Task List_encodes_filters_comma_joined_name_as_match_metadata_as_compact_json_and_ordering()
    {
        var filters = new ListFilters
        {
            Values = new Dictionary<string, IReadOnlyList<string>> { ["key"] = ["a", "b c"], ["rank"] = ["1", "3"] },
            Name = "my plan",
            Metadata = [new MetadataFilter("epoch", MetadataFilterType.Is, "1"), new MetadataFilter("lr", MetadataFilterType.Exists)],
        };

        await Backend.ListTasksAsync(new ListQuery(filters, OrderingField.StartDate, Ascending: false), None);
        await Backend.ListComputePlansAsync(new ListQuery(ListFilters.None, OrderingField.EndDate, Ascending: true), None);

        var tasks = Assert.Single(Platform.RequestsTo("GET", "/task/"));
        Assert.Equal(["a,bc"], tasks.Query["key"]);
        Assert.Equal(["1,3"], tasks.Query["rank"]);
        Assert.Equal(["my plan"], tasks.Query["match"]);
        Assert.Equal(["""[{"key":"epoch","type":"is","value":"1"},{"key":"lr","type":"exists"}]"""], tasks.Query["metadata"]);
        Assert.Equal(["-start_date"], tasks.Query["ordering"]);
        Assert.Equal("?key=a%2Cbc&rank=1%2C3&match=my%20plan&metadata=", tasks.RawQuery[..tasks.RawQuery.IndexOf("metadata=", StringComparison.Ordinal)] + "metadata=");
        Assert.Equal(["end_date"], Assert.Single(Platform.RequestsTo("GET", "/compute_plan/")).Query["ordering"]);
    }

    [Fact]
    public async Task List_of_each_type_returns_the_server_results()
    {
        var key = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        await Backend.AddDatasetAsync(Assets.Dataset(Temp), None);
        Platform.Store.Put("model", AssetPayloads.Model(Platform.BaseUrl, "m1", "t1", 10));

        Assert.Equal([key], (await Backend.ListFunctionsAsync(ListQuery.All, None)).Select(f => f.Key));
        Assert.Single(await Backend.ListDatasetsAsync(ListQuery.All, None));
        Assert.Empty(await Backend.ListDataSamplesAsync(ListQuery.All, None));
        Assert.Empty(await Backend.ListTasksAsync(ListQuery.All, None));
        Assert.Empty(await Backend.ListComputePlansAsync(ListQuery.All, None));
        Assert.Single(await Backend.ListModelsAsync(ListQuery.All, None));
        Assert.Equal(
            ["/function/", "/data_manager/", "/data_sample/", "/task/", "/compute_plan/", "/model/"],
            Platform.Requests.Where(r => r.Method == "GET").Select(r => r.Path));
    }

    [Fact]
    public async Task ListOrganizations_reads_a_plain_list_without_pagination()
    {
        Platform.Store.Organizations = JsonNode.Parse(
            """[{"id":"MyOrg1MSP","is_current":true,"creation_date":"2026-01-01T00:00:00Z"},{"id":"MyOrg2MSP","is_current":false,"creation_date":"2026-01-01T00:00:00Z"}]""")!.AsArray();

        var organizations = await Backend.ListOrganizationsAsync(None);

        Assert.Equal(["MyOrg1MSP", "MyOrg2MSP"], organizations.Select(o => o.Id));
        Assert.True(organizations[0].IsCurrent);
        Assert.Equal("", Assert.Single(Platform.RequestsTo("GET", "/organization/")).RawQuery);
    }

    [Fact]
    public async Task OrganizationInfo_reads_info()
    {
        var info = await Backend.GetOrganizationInfoAsync(None);

        Assert.Equal("MyOrg1MSP", info.OrganizationId);
        Assert.True(info.Config.ModelExportEnabled);
        Assert.Single(Platform.RequestsTo("GET", "/info/"));
    }

    [Fact]
    public async Task CancelComputePlan_posts_cancel_without_body()
    {
        var plan = await Backend.AddComputePlanAsync(new ComputePlanSpec { Name = "p" }, BatchingOptions.Default, None);

        await Backend.CancelComputePlanAsync(plan.Key, None);

        var request = Assert.Single(Platform.RequestsTo("POST", $"/compute_plan/{plan.Key}/cancel/"));
        Assert.Empty(request.Body);
        Assert.Equal("PLAN_STATUS_CANCELED", (string?)Platform.Store.Get("compute_plan", plan.Key)!["status"]);
    }

    [Fact]
    public async Task GetPerformances_gets_the_plan_then_its_perf_rows()
    {
        var plan = await Backend.AddComputePlanAsync(
            new ComputePlanSpec { Name = "p", Tag = "tg", Metadata = new Dictionary<string, string> { ["m"] = "v" } }, BatchingOptions.Default, None);
        Platform.Store.Performances[plan.Key] = JsonNode.Parse(
            """
            [{"compute_task":{"key":"t1","rank":0,"round_idx":"1","worker":"MyOrg1MSP","extra":1},"identifier":"auc","perf":0.75},
             {"compute_task":{"key":"t2","rank":2,"round_idx":null,"worker":"MyOrg2MSP"},"identifier":"acc","perf":32}]
            """)!.AsArray();
        Platform.ClearRequests();

        var performances = await Backend.GetPerformancesAsync(plan.Key, None);

        Assert.Equal([$"/compute_plan/{plan.Key}/", $"/compute_plan/{plan.Key}/perf/"], Platform.Requests.Select(r => r.Path));
        Assert.Equal(["t1", "t2"], performances.TaskKey);
        Assert.Equal([0, 2], performances.TaskRank);
        Assert.Equal([1, null], performances.RoundIdx);
        Assert.Equal(["MyOrg1MSP", "MyOrg2MSP"], performances.Worker);
        Assert.Equal(["auc", "acc"], performances.Identifier);
        Assert.Equal([0.75, 32.0], performances.Performance);
        Assert.All(performances.ComputePlanTag, tag => Assert.Equal("tg", tag));
        Assert.All(performances.ComputePlanKey, key => Assert.Equal(plan.Key, key));
        Assert.Equal("v", performances.ComputePlanMetadata[0]["m"]);
    }

    [Fact]
    public async Task Task_assets_are_read_paginated_with_the_identifier_filter()
    {
        var model0 = AssetPayloads.Model(Platform.BaseUrl, "m0", "t0", 1).ToJsonString();
        var model1 = AssetPayloads.Model(Platform.BaseUrl, "m1", "t1", 1).ToJsonString();
        Platform.Store.InputAssets["t1"] = JsonNode.Parse("""[{"kind":"ASSET_MODEL","identifier":"model","asset":""" + model0 + "}]")!.AsArray();
        Platform.Store.OutputAssets["t1"] = JsonNode.Parse(
            """[{"kind":"ASSET_PERFORMANCE","identifier":"auc","asset":{"performance_value":0.5,"compute_task_key":"t1"}},"""
            + """{"kind":"ASSET_MODEL","identifier":"model","asset":""" + model1 + "}]")!.AsArray();

        var inputs = await Backend.ListTaskInputAssetsAsync("t1", None);
        var outputs = await Backend.ListTaskOutputAssetsAsync("t1", null, None);
        var auc = await Backend.ListTaskOutputAssetsAsync("t1", "auc", None);

        Assert.Equal("m0", Assert.Single(inputs).Model!.Key);
        Assert.Equal(2, outputs.Count);
        Assert.Equal(0.5, Assert.Single(auc).Performance);
        Assert.Equal("m1", outputs[1].Model!.Key);
        Assert.Equal(["auc"], Platform.RequestsTo("GET", "/task/t1/output_assets/")[1].Query["identifier"]);
        Assert.Single(Platform.RequestsTo("GET", "/task/t1/input_assets/"));
    }

    [Fact]
    public async Task Downloads_get_the_asset_then_stream_its_storage_address_to_the_file()
    {
        var functionKey = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        var datasetKey = await Backend.AddDatasetAsync(Assets.Dataset(Temp), None);
        Platform.Store.GeneratedModels["m1"] = 100_000;
        Platform.Store.TaskLogs["t1"] = "line 1\nline 2\n";
        Platform.ClearRequests();

        await Backend.DownloadFunctionArchiveAsync(functionKey, Temp.Combine("out", "function.tar.gz"), None);
        await Backend.DownloadDatasetOpenerAsync(datasetKey, Temp.Combine("out", "opener.py"), None);
        await Backend.DownloadModelAsync("m1", Temp.Combine("out", "model_m1"), None);
        await Backend.DownloadLogsAsync("t1", Temp.Combine("out", "task_logs_t1.txt"), None);
        var logs = await Backend.GetLogsAsync("t1", None);

        Assert.Equal(
            [$"/function/{functionKey}/", $"/function/{functionKey}/file/", $"/data_manager/{datasetKey}/", $"/data_manager/{datasetKey}/opener/",
             "/model/m1/file/", "/task/t1/logs/", "/task/t1/logs/"],
            Platform.Requests.Select(r => r.Path));
        Assert.Equal("archive bytes of train", File.ReadAllText(Temp.Combine("out", "function.tar.gz")));
        Assert.Equal("class Opener: pass", File.ReadAllText(Temp.Combine("out", "opener.py")));
        var model = File.ReadAllBytes(Temp.Combine("out", "model_m1"));
        Assert.Equal(100_000, model.Length);
        Assert.Equal(GeneratedContent.ByteAt(99_999), model[99_999]);
        Assert.Equal("line 1\nline 2\n", File.ReadAllText(Temp.Combine("out", "task_logs_t1.txt")));
        Assert.Equal("line 1\nline 2\n", logs);
    }

    [Fact]
    public async Task Describe_gets_the_asset_then_its_description_text()
    {
        var functionKey = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        var datasetKey = await Backend.AddDatasetAsync(Assets.Dataset(Temp), None);
        Platform.ClearRequests();

        Assert.Equal("# train", await Backend.DescribeFunctionAsync(functionKey, None));
        Assert.Equal("# mnist", await Backend.DescribeDatasetAsync(datasetKey, None));
        Assert.Equal(
            [$"/function/{functionKey}/", $"/function/{functionKey}/description/", $"/data_manager/{datasetKey}/", $"/data_manager/{datasetKey}/description/"],
            Platform.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_failed_download_leaves_no_partial_file()
    {
        var destination = Temp.Combine("out", "model_missing");

        await Assert.ThrowsAsync<Exceptions.NotFoundException>(() => Backend.DownloadModelAsync("missing", destination, None));

        Assert.False(File.Exists(destination));
    }
}
