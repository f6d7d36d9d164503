using System.IO.Compression;
using System.Text.Json.Nodes;
using Substra.Sdk.Backends;
using Substra.Sdk.Remote.Tests.Infrastructure;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Remote.Tests;

/// <summary>Adds and updates: method, path, body and multipart layout as the reference sends them.</summary>
public sealed class RegistrationEndpointTests : PlatformTest
{
    [Fact]
    public async Task AddFunction_posts_multipart_with_json_file_and_description_parts()
    {
        var spec = Assets.Function(Temp);

        var key = await Backend.AddFunctionAsync(spec, None);

        var request = Assert.Single(Platform.RequestsTo("POST", "/function/"));
        Assert.StartsWith("multipart/form-data", request.ContentType);
        Assert.Equal(["json", "file", "description"], request.Parts.Select(p => p.Name));
        Assert.Null(request.Part("json").FileName);
        Assert.Equal(
            """{"name":"train","permissions":{"public":true,"authorized_ids":[]},"inputs":{"opener":{"kind":"ASSET_DATA_MANAGER","optional":false,"multiple":false},"datasamples":{"kind":"ASSET_DATA_SAMPLE","optional":false,"multiple":true},"model":{"kind":"ASSET_MODEL","optional":true,"multiple":false}},"outputs":{"model":{"kind":"ASSET_MODEL","multiple":false}}}""",
            request.Part("json").Text);
        Assert.Equal("function.zip", request.Part("file").FileName);
        Assert.Equal("archive bytes of train", request.Part("file").Text);
        Assert.Equal("# train", request.Part("description").Text);
        Assert.Equal(key, (string?)Platform.Store.Get("function", key)?["key"]);
    }

    [Fact]
    public async Task AddFunction_without_inputs_sends_empty_dicts_and_metadata_when_set()
    {
        var spec = Assets.Function(Temp) with { Inputs = null, Outputs = null, Metadata = new Dictionary<string, string> { ["a"] = "b" } };

        await Backend.AddFunctionAsync(spec, None);

        var json = JsonNode.Parse(Assert.Single(Platform.RequestsTo("POST", "/function/")).Part("json").Text)!;
        Assert.Equal("{}", json["inputs"]!.ToJsonString());
        Assert.Equal("{}", json["outputs"]!.ToJsonString());
        Assert.Equal("""{"a":"b"}""", json["metadata"]!.ToJsonString());
    }

    [Fact]
    public async Task AddFunction_with_a_missing_archive_says_which_file_before_any_request()
    {
        var spec = Assets.Function(Temp) with { File = Temp.Combine("nowhere.zip") };

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => Backend.AddFunctionAsync(spec, None));

        Assert.Contains("function archive", error.Message);
        Assert.Contains("nowhere.zip", error.Message);
        Assert.Empty(Platform.Requests);
    }

    [Fact]
    public async Task AddDataset_posts_multipart_with_only_the_set_fields_and_opener_and_description()
    {
        var spec = Assets.Dataset(Temp);

        var key = await Backend.AddDatasetAsync(spec, None);

        var request = Assert.Single(Platform.RequestsTo("POST", "/data_manager/"));
        Assert.Equal(["json", "data_opener", "description"], request.Parts.Select(p => p.Name));
        Assert.Equal(
            """{"name":"mnist","permissions":{"public":false,"authorized_ids":["MyOrg2MSP"]},"metadata":{"origin":"test"},"logs_permission":{"public":true,"authorized_ids":[]}}""",
            request.Part("json").Text);
        Assert.Equal("opener.py", request.Part("data_opener").FileName);
        Assert.Equal("class Opener: pass", request.Part("data_opener").Text);
        Assert.Equal("# mnist", request.Part("description").Text);
        Assert.NotNull(Platform.Store.Get("data_manager", key));
    }

    [Fact]
    public async Task AddDataSample_local_uploads_one_zip_part_named_path()
    {
        var dataset = await Backend.AddDatasetAsync(Assets.Dataset(Temp), None);
        Temp.File("sample/data.csv", "1,2");
        Temp.File("sample/nested/more.csv", "3,4");

        var keys = await Backend.AddDataSamplesAsync(new DataSampleSpec { Path = Temp.Combine("sample"), DataManagerKeys = [dataset] }, local: true, None);

        var request = Assert.Single(Platform.RequestsTo("POST", "/data_sample/"));
        Assert.Equal(["json", "path"], request.Parts.Select(p => p.Name));
        Assert.Equal($$"""{"data_manager_keys":["{{dataset}}"]}""", request.Part("json").Text);
        using var zip = new ZipArchive(new MemoryStream(request.Part("path").Content));
        Assert.Equal(["data.csv", "nested/more.csv"], zip.Entries.Select(e => e.FullName).Order());
        using (var reader = new StreamReader(zip.GetEntry("nested/more.csv")!.Open()))
        {
            Assert.Equal("3,4", reader.ReadToEnd());
        }
        Assert.Single(keys);
        Assert.Contains(keys[0], Platform.Store.Get("data_manager", dataset)!["data_sample_keys"]!.AsArray().Select(k => (string)k!));
    }

    [Fact]
    public async Task AddDataSamples_local_names_each_zip_part_after_its_folder_and_returns_keys_in_order()
    {
        Temp.File("a/x.csv", "1");
        Temp.File("b/y.csv", "2");

        var keys = await Backend.AddDataSamplesAsync(
            new DataSampleSpec { Paths = [Temp.Combine("a"), Temp.Combine("b")], DataManagerKeys = ["dm"], FollowLinks = true }, local: true, None);

        var request = Assert.Single(Platform.RequestsTo("POST", "/data_sample/"));
        Assert.Equal(["json", "a", "b"], request.Parts.Select(p => p.Name));
        Assert.Equal("""{"data_manager_keys":["dm"],"followlinks":true}""", request.Part("json").Text);
        Assert.Equal(2, keys.Count);
    }

    [Fact]
    public async Task AddDataSamples_with_two_folders_of_the_same_name_is_refused_before_any_request()
    {
        Temp.File("one/data/x.csv", "1");
        Temp.File("two/data/y.csv", "2");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Backend.AddDataSamplesAsync(
            new DataSampleSpec { Paths = [Temp.Combine("one", "data"), Temp.Combine("two", "data")], DataManagerKeys = ["dm"] }, local: true, None));

        Assert.Contains("named 'data'", error.Message);
        Assert.Empty(Platform.Requests);
    }

    [Fact]
    public async Task AddDataSamples_not_local_sends_the_absolute_paths_as_json()
    {
        await Backend.AddDataSamplesAsync(new DataSampleSpec { Path = "/srv/data/s1", DataManagerKeys = ["dm"] }, local: false, None);
        await Backend.AddDataSamplesAsync(new DataSampleSpec { Paths = ["/srv/data/s1", "/srv/data/s2"], DataManagerKeys = ["dm"] }, local: false, None);

        var requests = Platform.RequestsTo("POST", "/data_sample/");
        Assert.All(requests, r => Assert.StartsWith("application/json", r.ContentType));
        Assert.Equal("""{"path":"/srv/data/s1","data_manager_keys":["dm"]}""", requests[0].BodyText);
        Assert.Equal("""{"paths":["/srv/data/s1","/srv/data/s2"],"data_manager_keys":["dm"]}""", requests[1].BodyText);
    }

    [Fact]
    public async Task LinkDataset_posts_form_encoded_repeated_keys_and_returns_the_keys_given()
    {
        var result = await Backend.LinkDatasetWithDataSamplesAsync("dm", ["s1", "s2"], None);

        var request = Assert.Single(Platform.RequestsTo("POST", "/data_sample/bulk_update/"));
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("data_manager_keys=dm&data_sample_keys=s1&data_sample_keys=s2", request.BodyText);
        Assert.Equal(["s1", "s2"], result);
    }

    [Fact]
    public async Task AddComputePlan_posts_the_plan_then_its_tasks_by_rank_in_bulk_create()
    {
        var function = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        var planKey = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec
        {
            Key = planKey,
            Name = "my plan",
            Tag = "tag1",
            Metadata = new Dictionary<string, string> { ["round"] = "1" },
            // The child comes first in the spec: the parent must still be sent first.
            Tasks = [Assets.PlanTask("child", function, "parent"), Assets.PlanTask("parent", function)],
        };

        var plan = await Backend.AddComputePlanAsync(spec, BatchingOptions.Default, None);

        Assert.Equal(planKey, plan.Key);
        Assert.Equal("my plan", plan.Name);
        var create = Assert.Single(Platform.RequestsTo("POST", "/compute_plan/"));
        Assert.Equal($$$"""{"key":"{{{planKey}}}","name":"my plan","tag":"tag1","metadata":{"round":"1"}}""", create.BodyText);
        var bulk = Assert.Single(Platform.RequestsTo("POST", "/task/bulk_create/"));
        var tasks = bulk.BodyJson!["tasks"]!.AsArray();
        Assert.Equal(["parent", "child"], tasks.Select(t => (string)t!["key"]!));
        Assert.Equal(
            """{"key":"child","function_key":""" + $"\"{function}\",\"worker\":\"MyOrg1MSP\",\"compute_plan_key\":\"{planKey}\",\""
            + """rank":null,"tag":null,"metadata":null,"inputs":[{"identifier":"model","asset_key":null,"parent_task_key":"parent","parent_task_output_identifier":"model"}],"outputs":{"model":{"permissions":{"public":true,"authorized_ids":[]},"transient":false}}}""",
            tasks[1]!.ToJsonString());
        Assert.Equal(2, Platform.Store.Count("task"));
    }

    [Fact]
    public async Task AddComputePlanTasks_sends_the_batches_then_returns_the_refreshed_plan()
    {
        var function = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        var plan = await Backend.AddComputePlanAsync(new ComputePlanSpec { Name = "p" }, BatchingOptions.Default, None);

        var refreshed = await Backend.AddComputePlanTasksAsync(
            new UpdateComputePlanTasksSpec { Key = plan.Key, Tasks = [Assets.PlanTask("t1", function), Assets.PlanTask("t2", function, "t1")] },
            BatchingOptions.Default,
            None);

        Assert.Equal(2, refreshed.TaskCount);
        Assert.Single(Platform.RequestsTo("POST", "/task/bulk_create/"));
        Assert.Single(Platform.RequestsTo("GET", $"/compute_plan/{plan.Key}/"));
    }

    [Fact]
    public async Task AddTask_without_plan_creates_a_plan_named_after_the_task_then_bulk_creates_it()
    {
        var function = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        var spec = new TaskSpec { Key = Guid.NewGuid().ToString(), FunctionKey = function, Worker = "MyOrg1MSP", Inputs = [], Outputs = null };

        var key = await Backend.AddTaskAsync(spec, None);

        Assert.Equal(spec.Key, key);
        var create = Assert.Single(Platform.RequestsTo("POST", "/compute_plan/"));
        Assert.Equal(spec.Key, (string?)create.BodyJson!["name"]);
        var planKey = (string)create.BodyJson!["key"]!;
        Assert.True(Guid.TryParse(planKey, out _));
        var task = Assert.Single(Assert.Single(Platform.RequestsTo("POST", "/task/bulk_create/")).BodyJson!["tasks"]!.AsArray())!;
        Assert.Equal(planKey, (string?)task["compute_plan_key"]);
        Assert.Equal(
            $$"""{"key":"{{spec.Key}}","function_key":"{{function}}","worker":"MyOrg1MSP","compute_plan_key":"{{planKey}}","inputs":[]}""",
            task.ToJsonString());
    }

    [Fact]
    public async Task AddTask_with_a_plan_key_honours_it_and_creates_no_plan()
    {
        var function = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        var plan = await Backend.AddComputePlanAsync(new ComputePlanSpec { Name = "p" }, BatchingOptions.Default, None);
        Platform.ClearRequests();

        await Backend.AddTaskAsync(new TaskSpec { FunctionKey = function, Worker = "MyOrg1MSP", ComputePlanKey = plan.Key, Rank = 3, Tag = "t" }, None);

        Assert.Empty(Platform.RequestsTo("POST", "/compute_plan/"));
        var task = Assert.Single(Assert.Single(Platform.RequestsTo("POST", "/task/bulk_create/")).BodyJson!["tasks"]!.AsArray())!;
        Assert.Equal(plan.Key, (string?)task["compute_plan_key"]);
        Assert.Equal(3, (int?)task["rank"]);
        Assert.Equal("t", (string?)task["tag"]);
    }

    [Theory]
    [InlineData("function")]
    [InlineData("data_manager")]
    [InlineData("compute_plan")]
    public async Task Update_puts_the_new_name_as_json(string serverType)
    {
        string key = serverType switch
        {
            "function" => await Backend.AddFunctionAsync(Assets.Function(Temp), None),
            "data_manager" => await Backend.AddDatasetAsync(Assets.Dataset(Temp), None),
            _ => (await Backend.AddComputePlanAsync(new ComputePlanSpec { Name = "p" }, BatchingOptions.Default, None)).Key,
        };

        Task update = serverType switch
        {
            "function" => Backend.UpdateFunctionAsync(key, new UpdateFunctionSpec { Name = "renamed" }, None),
            "data_manager" => Backend.UpdateDatasetAsync(key, new UpdateDatasetSpec { Name = "renamed" }, None),
            _ => Backend.UpdateComputePlanAsync(key, new UpdateComputePlanSpec { Name = "renamed" }, None),
        };
        await update;

        var request = Assert.Single(Platform.RequestsTo("PUT", $"/{serverType}/{key}/"));
        Assert.Equal("""{"name":"renamed"}""", request.BodyText);
        Assert.Equal("renamed", (string?)Platform.Store.Get(serverType, key)!["name"]);
    }
}
