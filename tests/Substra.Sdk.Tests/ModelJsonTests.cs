using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Substra.Sdk.Json;
using Substra.Sdk.Models;
using Substra.Tools.Schema;

namespace Substra.Sdk.Tests;

/// <summary>Models read the server's payloads and round-trip with wire names.</summary>
public sealed class ModelJsonTests
{
    private const string Permissions = """{"process": {"public": true, "authorized_ids": []}, "download": {"public": false, "authorized_ids": ["MyOrg1MSP"]}}""";

    private const string FunctionJson = $$$"""
        {
          "key": "f-1", "name": "train", "owner": "MyOrg1MSP", "permissions": {{{Permissions}}}, "metadata": {"round": "1"},
          "creation_date": "2021-08-24T13:36:07.393646Z",
          "inputs": {
            "opener": {"kind": "ASSET_DATA_MANAGER", "optional": false, "multiple": false},
            "datasamples": {"kind": "ASSET_DATA_SAMPLE", "optional": false, "multiple": true},
            "model": {"kind": "ASSET_MODEL", "optional": true, "multiple": false}
          },
          "outputs": {"model": {"kind": "ASSET_MODEL", "multiple": false}, "performance": {"kind": "ASSET_PERFORMANCE", "multiple": false}},
          "status": "FUNCTION_STATUS_READY",
          "description": {"checksum": "c1", "storage_address": "http://backend/function/f-1/description/"},
          "archive": {"checksum": "c2", "storage_address": "http://backend/function/f-1/file/"},
          "unknown_field": {"ignored": true}
        }
        """;

    [Fact]
    public void Function_reads_inputs_and_outputs_keyed_by_identifier_in_order()
    {
        var function = RoundTrip(FunctionJson, SubstraJsonContext.Default.Function);

        Assert.Equal(["opener", "datasamples", "model"], function.Inputs.Select(input => input.Identifier));
        Assert.Equal(AssetKind.DataSample, function.Inputs[1].Kind);
        Assert.True(function.Inputs[1].Multiple);
        Assert.True(function.Inputs[2].Optional);
        Assert.Equal(["model", "performance"], function.Outputs.Select(output => output.Identifier));
        Assert.Equal(FunctionStatus.Ready, function.Status);
        Assert.True(function.Permissions.Process.Public);
        Assert.Equal("http://backend/function/f-1/file/", function.Archive.StorageAddress);
        Assert.Equal(new DateTimeOffset(2021, 8, 24, 13, 36, 7, TimeSpan.Zero).AddTicks(3936460), function.CreationDate);
    }

    [Fact]
    public void Function_written_json_uses_wire_names_and_lists()
    {
        var function = SubstraJson.Deserialize(FunctionJson, SubstraJsonContext.Default.Function);

        var json = JsonNode.Parse(SubstraJson.Serialize(function))!.AsObject();

        Assert.Equal("ASSET_DATA_MANAGER", json["inputs"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("opener", json["inputs"]![0]!["identifier"]!.GetValue<string>());
        Assert.Equal("FUNCTION_STATUS_READY", json["status"]!.GetValue<string>());
        Assert.True(json.ContainsKey("creation_date"));
        Assert.False(json.ContainsKey("unknown_field"));
    }

    [Fact]
    public void Task_reads_the_whole_function_inputs_with_nulls_and_transient_outputs()
    {
        var json = $$$"""
            {
              "key": "t-1", "function": {{{FunctionJson}}}, "owner": "MyOrg1MSP", "compute_plan_key": "cp-1", "metadata": {"round_idx": "2"},
              "status": "STATUS_FAILED", "worker": "MyOrg2MSP", "rank": 3, "tag": "", "creation_date": "2021-08-24T13:36:07Z",
              "start_date": "2021-08-24T13:37:07Z", "end_date": null, "error_type": "EXECUTION_ERROR",
              "inputs": [
                {"identifier": "opener", "asset_key": "d-1", "parent_task_key": null, "parent_task_output_identifier": null},
                {"identifier": "model", "asset_key": null, "parent_task_key": "t-0", "parent_task_output_identifier": "model"}
              ],
              "outputs": {"model": {"permissions": {{{Permissions}}}, "transient": true}},
              "logs_permission": {"public": true, "authorized_ids": []}
            }
            """;

        var task = RoundTrip(json, SubstraJsonContext.Default.ComputeTask);

        Assert.Equal(ComputeTaskStatus.Failed, task.Status);
        Assert.Equal(TaskErrorType.Execution, task.ErrorType);
        Assert.Equal(3, task.Rank);
        Assert.Null(task.EndDate);
        Assert.Equal("t-0", task.Inputs[1].ParentTaskKey);
        Assert.True(task.Outputs["model"].IsTransient);
        Assert.Equal("train", task.Function.Name);
        var written = JsonNode.Parse(SubstraJson.Serialize(task))!;
        Assert.Null(written["inputs"]![0]!["parent_task_key"]);
        Assert.True(written["inputs"]![0]!.AsObject().ContainsKey("parent_task_key"));
        Assert.True(written["outputs"]!["model"]!["transient"]!.GetValue<bool>());
    }

    [Fact]
    public void Compute_plan_coerces_a_string_duration_and_defaults_counters()
    {
        var json = """
            {
              "key": "cp-1", "tag": "t", "name": "plan", "owner": "MyOrg1MSP", "metadata": {}, "task_count": 4, "done_count": 2,
              "status": "PLAN_STATUS_DOING", "creation_date": "2021-08-24T13:36:07Z", "start_date": "2021-08-24T13:36:08Z",
              "end_date": null, "estimated_end_date": "2021-08-24T13:40:00Z", "duration": "90", "creator": "user"
            }
            """;

        var plan = RoundTrip(json, SubstraJsonContext.Default.ComputePlan);

        Assert.Equal(90, plan.Duration);
        Assert.Equal(ComputePlanStatus.Doing, plan.Status);
        Assert.Equal(4, plan.TaskCount);
        Assert.Equal(0, plan.FailedCount);
        Assert.Equal("user", plan.Creator);
    }

    [Fact]
    public void Dataset_data_sample_model_and_organizations()
    {
        var dataset = RoundTrip(
            $$$"""
            {"key": "d-1", "name": "ds", "owner": "MyOrg1MSP", "permissions": {{{Permissions}}}, "type": "csv", "data_sample_keys": ["s-1"],
             "opener": {"checksum": "o", "storage_address": "http://backend/data_manager/d-1/opener/"},
             "description": {"checksum": "d", "storage_address": "http://backend/data_manager/d-1/description/"},
             "metadata": {}, "creation_date": "2021-08-24T13:36:07Z", "logs_permission": {"public": false, "authorized_ids": ["MyOrg1MSP"]}}
            """,
            SubstraJsonContext.Default.Dataset);
        var sample = RoundTrip(
            """{"key": "s-1", "owner": "MyOrg1MSP", "data_manager_keys": ["d-1"], "creation_date": "2021-08-24T13:36:07Z"}""",
            SubstraJsonContext.Default.DataSample);
        var model = RoundTrip(
            $$$"""{"key": "m-1", "compute_task_key": "t-1", "address": {"checksum": "m", "storage_address": "http://backend/model/m-1/file/"}, "permissions": {{{Permissions}}}, "owner": "MyOrg1MSP", "creation_date": "2021-08-24T13:36:07Z"}""",
            SubstraJsonContext.Default.OutModel);
        var organizations = RoundTrip(
            """[{"id": "MyOrg1MSP", "is_current": true, "creation_date": "2021-08-24T13:36:07Z"}]""",
            SubstraJsonContext.Default.ListOrganization);

        Assert.Equal(["s-1"], dataset.DataSampleKeys);
        Assert.Equal(["MyOrg1MSP"], dataset.LogsPermission.AuthorizedIds);
        Assert.Equal(["d-1"], sample.DataManagerKeys!);
        Assert.Equal("m", model.Address!.Checksum);
        Assert.True(organizations[0].IsCurrent);
    }

    [Fact]
    public void Organization_info_keeps_extra_config_fields()
    {
        var info = RoundTrip(
            """
            {"host": "http://backend", "organization_id": "MyOrg1MSP", "organization_name": "MyOrg1MSP",
             "config": {"model_export_enabled": true, "task_timeout": 60}, "channel": "mychannel", "version": "0.42", "orchestrator_version": "0.1"}
            """,
            SubstraJsonContext.Default.OrganizationInfo);

        Assert.True(info.Config.ModelExportEnabled);
        Assert.Equal(60, info.Config.Extra!["task_timeout"].GetInt32());
    }

    [Fact]
    public void Output_asset_unwraps_the_server_performance_object()
    {
        var performance = RoundTrip(
            """{"kind": "ASSET_PERFORMANCE", "identifier": "performance", "asset": {"compute_task_key": "t-1", "performance_value": 0.75}}""",
            SubstraJsonContext.Default.OutputAsset);
        var model = RoundTrip(
            $$$"""{"kind": "ASSET_MODEL", "identifier": "model", "asset": {"key": "m-1", "compute_task_key": "t-1", "permissions": {{{Permissions}}}, "owner": "o", "creation_date": "2021-08-24T13:36:07Z"}}""",
            SubstraJsonContext.Default.OutputAsset);

        Assert.Equal(0.75, performance.Performance);
        Assert.Equal(0.75, (double)performance.Asset);
        Assert.Equal("m-1", model.Model!.Key);
        Assert.Equal(
            """{"kind":"ASSET_PERFORMANCE","identifier":"performance","asset":0.75}""",
            SubstraJson.Serialize(performance));
    }

    [Fact]
    public void Input_asset_reads_its_asset_by_kind()
    {
        var opener = RoundTrip(
            $$$"""
            {"kind": "ASSET_DATA_MANAGER", "identifier": "opener", "asset": {"key": "d-1", "name": "ds", "owner": "o", "permissions": {{{Permissions}}},
             "opener": {"checksum": "o", "storage_address": "a"}, "description": {"checksum": "d", "storage_address": "b"},
             "metadata": {}, "creation_date": "2021-08-24T13:36:07Z", "logs_permission": {"public": true, "authorized_ids": []} } }
            """,
            SubstraJsonContext.Default.InputAsset);
        var sample = RoundTrip(
            """{"kind": "ASSET_DATA_SAMPLE", "identifier": "datasamples", "asset": {"key": "s-1", "owner": "o", "creation_date": "2021-08-24T13:36:07Z"}}""",
            SubstraJsonContext.Default.InputAsset);

        Assert.Equal("d-1", opener.Dataset!.Key);
        Assert.IsType<DataSample>(sample.Asset);
    }

    [Fact]
    public void Performances_round_trip_as_columns_and_rows()
    {
        var performances = Performances.FromRows(
        [
            new PerformanceRow("cp", "tag", ComputePlanStatus.Done, null, null, new Dictionary<string, string>(), "org", "t1", 0, 0, "performance", 0.5),
            new PerformanceRow("cp", "tag", ComputePlanStatus.Done, null, null, new Dictionary<string, string>(), "org", "t2", 1, null, "performance", 0.75),
        ]);

        var read = RoundTrip(SubstraJson.Serialize(performances), SubstraJsonContext.Default.Performances);

        Assert.Equal(2, read.Count);
        Assert.Equal([0.5, 0.75], read.Performance);
        Assert.Equal([0, null], read.RoundIdx);
        Assert.Equal("PLAN_STATUS_DONE", JsonNode.Parse(SubstraJson.Serialize(read))!["compute_plan_status"]![0]!.GetValue<string>());
        Assert.Equal(["t1", "t2"], read.Rows.Select(row => row.TaskKey));
    }

    private const string MinimalFunctionJson = $$$"""
        {"key": "f-1", "name": "train", "owner": "o", "permissions": {{{Permissions}}}, "creation_date": "2021-08-24T13:36:07Z",
         "status": "FUNCTION_STATUS_READY", "description": {"checksum": "c1", "storage_address": "a"}, "archive": {"checksum": "c2", "storage_address": "b"}}
        """;

    private const string MinimalDatasetJson = $$$"""
        {"key": "d-1", "name": "ds", "owner": "o", "permissions": {{{Permissions}}},
         "opener": {"checksum": "o", "storage_address": "a"}, "description": {"checksum": "d", "storage_address": "b"},
         "creation_date": "2021-08-24T13:36:07Z", "logs_permission": {"public": true, "authorized_ids": []}}
        """;

    private const string MinimalTaskJson = $$$"""
        {"key": "t-1", "function": {{{MinimalFunctionJson}}}, "owner": "o", "compute_plan_key": "cp-1", "status": "STATUS_DONE",
         "worker": "o", "creation_date": "2021-08-24T13:36:07Z"}
        """;

    private const string MinimalPlanJson = """
        {"key": "cp-1", "name": "plan", "owner": "o", "status": "PLAN_STATUS_DONE", "creation_date": "2021-08-24T13:36:07Z"}
        """;

    [Fact]
    public void Omitted_lists_metadata_and_strings_read_as_empty()
    {
        var function = SubstraJson.Deserialize(MinimalFunctionJson, SubstraJsonContext.Default.Function);
        var dataset = SubstraJson.Deserialize(MinimalDatasetJson, SubstraJsonContext.Default.Dataset);
        var task = SubstraJson.Deserialize(MinimalTaskJson, SubstraJsonContext.Default.ComputeTask);
        var plan = SubstraJson.Deserialize(MinimalPlanJson, SubstraJsonContext.Default.ComputePlan);
        var performances = SubstraJson.Deserialize("{}", SubstraJsonContext.Default.Performances);

        AssertEmpty(function, dataset, task, plan, performances);
    }

    [Fact]
    public void Null_lists_metadata_and_strings_read_as_empty()
    {
        static string WithNulls(string json, params string[] fields)
            => json.TrimEnd()[..^1] + string.Concat(fields.Select(field => $", \"{field}\": null")) + "}";

        var function = SubstraJson.Deserialize(WithNulls(MinimalFunctionJson, "metadata", "inputs", "outputs"), SubstraJsonContext.Default.Function);
        var dataset = SubstraJson.Deserialize(WithNulls(MinimalDatasetJson, "data_sample_keys", "metadata"), SubstraJsonContext.Default.Dataset);
        var task = SubstraJson.Deserialize(WithNulls(MinimalTaskJson, "metadata", "tag", "inputs", "outputs"), SubstraJsonContext.Default.ComputeTask);
        var plan = SubstraJson.Deserialize(WithNulls(MinimalPlanJson, "tag", "metadata"), SubstraJsonContext.Default.ComputePlan);
        var performances = SubstraJson.Deserialize("""{"task_key": null, "performance": null}""", SubstraJsonContext.Default.Performances);

        AssertEmpty(function, dataset, task, plan, performances);
    }

    [Fact]
    public void The_declared_defaults_hold_through_the_serializer_options_too()
    {
        var dataset = JsonSerializer.Deserialize(MinimalDatasetJson, SubstraJson.TypeInfo<Dataset>())!;
        var nested = JsonSerializer.Deserialize(
            $$$"""{"kind": "ASSET_DATA_MANAGER", "identifier": "opener", "asset": {{{MinimalDatasetJson}}}}""", SubstraJson.TypeInfo<InputAsset>())!;

        Assert.Empty(dataset.DataSampleKeys);
        Assert.Empty(nested.Dataset!.DataSampleKeys);
        Assert.Empty(nested.Dataset.Metadata);
    }

    [Fact]
    public void A_null_required_field_is_still_an_error()
    {
        var error = Assert.Throws<JsonException>(() => SubstraJson.Deserialize(
            MinimalPlanJson.Replace("\"name\": \"plan\"", "\"name\": null", StringComparison.Ordinal), SubstraJsonContext.Default.ComputePlan));

        Assert.Contains("Name", error.Message, StringComparison.Ordinal);
    }

    private static void AssertEmpty(Function function, Dataset dataset, ComputeTask task, ComputePlan plan, Performances performances)
    {
        Assert.Empty(function.Metadata);
        Assert.Empty(function.Inputs);
        Assert.Empty(function.Outputs);
        Assert.Empty(dataset.DataSampleKeys);
        Assert.Empty(dataset.Metadata);
        Assert.Empty(task.Metadata);
        Assert.Equal("", task.Tag);
        Assert.Empty(task.Inputs);
        Assert.Empty(task.Outputs);
        Assert.Empty(task.Function.Inputs);
        Assert.Equal("", plan.Tag);
        Assert.Empty(plan.Metadata);
        Assert.Empty(performances.TaskKey);
        Assert.Empty(performances.Performance);
        Assert.Empty(performances.ComputePlanMetadata);
        Assert.Equal(0, performances.Count);
    }

    [Fact]
    public void A_missing_required_field_is_an_error_naming_it()
    {
        var error = Assert.Throws<JsonException>(
            () => SubstraJson.Deserialize("""{"key": "s-1", "creation_date": "2021-08-24T13:36:07Z"}""", SubstraJsonContext.Default.DataSample));

        Assert.Contains("owner", error.Message);
    }

    [Fact]
    public void An_unknown_status_is_an_error()
    {
        Assert.Throws<JsonException>(() => SubstraJson.Deserialize(
            """{"key": "o", "is_current": true, "creation_date": "not a date"}""", SubstraJsonContext.Default.Organization));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"STATUS_SLEEPING\"", SubstraJsonContext.Default.ComputeTaskStatus));
    }

    [Fact]
    public void Model_ToString_is_json_indented_by_four_spaces()
    {
        var organization = new Organization { Id = "MyOrg1MSP", IsCurrent = true, CreationDate = DateTimeOffset.UnixEpoch };

        Assert.Equal(
            "{\n    \"id\": \"MyOrg1MSP\",\n    \"is_current\": true,\n    \"creation_date\": \"1970-01-01T00:00:00+00:00\"\n}",
            organization.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Wire_names_of_enums()
    {
        Assert.Equal("STATUS_WAITING_FOR_EXECUTOR_SLOT", ComputeTaskStatus.WaitingForExecutorSlot.ToWireName());
        Assert.Equal("ASSET_DATA_MANAGER", AssetKind.DataManager.ToWireName());
        Assert.Equal("subprocess", BackendType.LocalSubprocess.ToWireName());
        Assert.Equal(BackendType.LocalDocker, WireNames.ParseWireName<BackendType>("docker"));
        Assert.Equal("data_manager", AssetType.Dataset.ToServerName());
        Assert.Equal("task", AssetType.Task.ToServerName());
    }

    private static T RoundTrip<T>(string json, JsonTypeInfo<T> typeInfo)
    {
        var first = SubstraJson.Deserialize(json, typeInfo);
        var written = JsonSerializer.Serialize(first, typeInfo);
        var second = SubstraJson.Deserialize(written, typeInfo);
        Assert.Equal(written, JsonSerializer.Serialize(second, typeInfo));
        return second;
    }
}
