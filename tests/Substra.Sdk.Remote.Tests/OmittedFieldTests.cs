using System.Text.Json.Nodes;
using Substra.Sdk.Remote.Tests.Infrastructure;
using Substra.Tools.Schema;

namespace Substra.Sdk.Remote.Tests;

/// <summary>Lists, metadata and strings the platform leaves out (or sends as null) read as empty, never as null.</summary>
public sealed class OmittedFieldTests : PlatformTest
{
    [Fact]
    public async Task A_dataset_input_asset_without_data_sample_keys_has_an_empty_list()
    {
        var datasetKey = await Backend.AddDatasetAsync(Assets.Dataset(Temp), None);
        // The platform's input_assets endpoint sends the dataset without its data_sample_keys.
        var dataset = Platform.Store.Get("data_manager", datasetKey)!.DeepClone().AsObject();
        dataset.Remove("data_sample_keys");
        dataset.Remove("metadata");
        Platform.Store.InputAssets["t1"] = new JsonArray(new JsonObject { ["kind"] = "ASSET_DATA_MANAGER", ["identifier"] = "opener", ["asset"] = dataset });

        var input = Assert.Single(await Backend.ListTaskInputAssetsAsync("t1", None));

        Assert.Equal(AssetKind.DataManager, input.Kind);
        Assert.Empty(input.Dataset!.DataSampleKeys);
        Assert.Empty(input.Dataset.Metadata);
    }

    [Fact]
    public async Task Functions_plans_and_tasks_with_fields_left_out_or_null_have_empty_values()
    {
        var functionKey = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        var plan = await Backend.AddComputePlanAsync(
            new Schemas.ComputePlanSpec { Name = "p", Tasks = [Assets.PlanTask("t1", functionKey)] }, Backends.BatchingOptions.Default, None);
        var function = Platform.Store.Get("function", functionKey)!;
        function.Remove("metadata");
        function["inputs"] = null;
        function.Remove("outputs");
        var storedPlan = Platform.Store.Get("compute_plan", plan.Key)!;
        storedPlan.Remove("tag");
        storedPlan["metadata"] = null;
        var task = Platform.Store.Get("task", "t1")!;
        task["tag"] = null;
        task.Remove("metadata");
        task.Remove("inputs");
        task["outputs"] = null;
        task["function"] = function.DeepClone();

        var listed = Assert.Single(await Backend.ListFunctionsAsync(Filters.ListQuery.All, None));
        var readPlan = await Backend.GetComputePlanAsync(plan.Key, None);
        var readTask = await Backend.GetTaskAsync("t1", None);

        Assert.Empty(listed.Metadata);
        Assert.Empty(listed.Inputs);
        Assert.Empty(listed.Outputs);
        Assert.Equal("", readPlan.Tag);
        Assert.Empty(readPlan.Metadata);
        Assert.Equal("", readTask.Tag);
        Assert.Empty(readTask.Metadata);
        Assert.Empty(readTask.Inputs);
        Assert.Empty(readTask.Outputs);
        Assert.Empty(readTask.Function.Inputs);
    }
}
