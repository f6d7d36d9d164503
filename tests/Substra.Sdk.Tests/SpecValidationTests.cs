using System.Text.Json.Nodes;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Json;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;

namespace Substra.Sdk.Tests;

public sealed class SpecValidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("substra-specs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Data_sample_path_and_paths_are_exclusive()
    {
        var spec = new DataSampleSpec { Path = "a", Paths = ["b"], DataManagerKeys = ["d"] };

        Assert.Equal("'path' and 'paths' fields are exclusive.", Assert.Throws<SpecValidationException>(() => spec.Validate()).Message);
    }

    [Fact]
    public void Data_sample_needs_path_or_paths()
    {
        var spec = new DataSampleSpec { DataManagerKeys = ["d"] };

        Assert.Equal("'path' or 'paths' field must be set.", Assert.Throws<SpecValidationException>(() => spec.Validate()).Message);
    }

    [Theory]
    [InlineData("""{"path": null, "data_manager_keys": ["d"]}""", "'path' cannot be set to None.")]
    [InlineData("""{"paths": null, "data_manager_keys": ["d"]}""", "'paths' cannot be set to None.")]
    [InlineData("""{"path": "a", "paths": ["b"], "data_manager_keys": ["d"]}""", "'path' and 'paths' fields are exclusive.")]
    [InlineData("""{"data_manager_keys": ["d"]}""", "'path' or 'paths' field must be set.")]
    public void Data_sample_dictionary_form_rejects_as_the_reference(string json, string message)
    {
        var error = Assert.Throws<SpecValidationException>(() => DataSampleSpec.FromJson(JsonNode.Parse(json)!.AsObject()));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Data_sample_paths_are_made_absolute_against_the_current_directory()
    {
        var spec = new DataSampleSpec { Paths = ["relative/sample"], DataManagerKeys = ["d"] }.Validate();

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "relative", "sample"), spec.Paths![0]);
        Assert.True(spec.IsMany);
    }

    [Fact]
    public void Dataset_without_description_gets_a_generated_one_next_to_the_opener()
    {
        var opener = Path.Combine(_folder, "opener.py");
        File.WriteAllText(opener, "");
        var spec = new DatasetSpec
        {
            Name = "ds", DataOpener = opener, Permissions = Permissions.PublicAccess, LogsPermission = Permissions.PublicAccess,
        };

        var validated = spec.Validate();

        Assert.Equal(Path.Combine(_folder, "generated_description.md"), validated.Description);
        Assert.StartsWith("# No description given", File.ReadAllText(validated.Description!));
    }

    [Theory]
    [InlineData(AssetKind.DataManager, "opener", true, false, "Data manager input can't be multiple.")]
    [InlineData(AssetKind.DataManager, "opener", false, true, "Data manager input can't be optional.")]
    [InlineData(AssetKind.DataManager, "data", false, false, "Data manager input identifier must be `opener` but was set to data")]
    [InlineData(AssetKind.DataSample, "samples", true, false, "Data sample input identifier must be `datasamples` but was set to samples")]
    [InlineData(AssetKind.Model, "opener", false, false, "Inputs of kind ASSET_MODEL cannot have an identifier among the following: chainkeys, datasamples, opener")]
    [InlineData(AssetKind.Model, "chainkeys", false, false, "Inputs of kind ASSET_MODEL cannot have an identifier among the following: chainkeys, datasamples, opener")]
    public void Function_input_rules(AssetKind kind, string identifier, bool multiple, bool optional, string message)
    {
        var input = new FunctionInputSpec { Identifier = identifier, Kind = kind, Multiple = multiple, Optional = optional };

        Assert.Equal(message, Assert.Throws<SpecValidationException>(() => input.Validate()).Message);
    }

    [Fact]
    public void Valid_function_inputs_pass()
    {
        new FunctionInputSpec { Identifier = "opener", Kind = AssetKind.DataManager }.Validate();
        new FunctionInputSpec { Identifier = "datasamples", Kind = AssetKind.DataSample, Multiple = true }.Validate();
        new FunctionInputSpec { Identifier = "models", Kind = AssetKind.Model, Multiple = true, Optional = true }.Validate();
    }

    [Fact]
    public void A_performance_output_cannot_be_multiple()
    {
        var output = new FunctionOutputSpec { Identifier = "performance", Kind = AssetKind.Performance, Multiple = true };

        Assert.Equal("Performance can't be multiple.", Assert.Throws<SpecValidationException>(() => output.Validate()).Message);
    }

    [Fact]
    public void Function_identifiers_are_unique_within_inputs_and_within_outputs()
    {
        var model = new FunctionInputSpec { Identifier = "model", Kind = AssetKind.Model };
        var output = new FunctionOutputSpec { Identifier = "model", Kind = AssetKind.Model };
        var inputs = Function() with { Inputs = [model, model] };
        var outputs = Function() with { Outputs = [output, output] };
        var both = Function() with { Inputs = [model], Outputs = [output] };

        Assert.StartsWith("Several function inputs cannot have the same identifier.", Assert.Throws<SpecValidationException>(() => inputs.Validate()).Message);
        Assert.StartsWith("Several function outputs cannot have the same identifier.", Assert.Throws<SpecValidationException>(() => outputs.Validate()).Message);
        both.Validate();
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("asset", "parent", "model")]
    [InlineData(null, "parent", null)]
    [InlineData(null, null, "model")]
    [InlineData("", "", "")]
    public void Input_ref_needs_exactly_an_asset_key_or_a_full_parent_reference(string? assetKey, string? parent, string? output)
    {
        var input = new InputRef { Identifier = "model", AssetKey = assetKey, ParentTaskKey = parent, ParentTaskOutputIdentifier = output };

        var error = Assert.Throws<SpecValidationException>(() => input.Validate());

        Assert.StartsWith("either asset_key or both (parent_task_key, parent_task_output_identifier) must be provided", error.Message);
    }

    [Fact]
    public void Input_ref_with_an_asset_key_or_a_parent_passes()
    {
        InputRef.FromAsset("opener", "dataset-key");
        InputRef.FromParentTask("model", "parent", "model");
    }

    [Theory]
    [InlineData("""{"permissions": {"public": true, "authorized_ids": []}, "transient": true}""")]
    [InlineData("""{"permissions": {"public": true, "authorized_ids": []}, "is_transient": true}""")]
    public void Task_output_accepts_transient_and_is_transient(string json)
    {
        var output = SubstraJson.Deserialize(json, SubstraJsonContext.Default.ComputeTaskOutputSpec);

        Assert.True(output.IsTransient);
        Assert.Equal("""{"permissions":{"public":true,"authorized_ids":[]},"transient":true}""", SubstraJson.Serialize(output));
    }

    [Fact]
    public void Task_spec_from_compute_plan_maps_task_id_to_key()
    {
        var planTask = new ComputePlanTaskSpec
        {
            TaskId = "t1", FunctionKey = "f", Worker = "org", Tag = "tag", Metadata = new Dictionary<string, string> { ["a"] = "b" },
            Inputs = [InputRef.FromAsset("opener", "d")],
        };

        var task = TaskSpec.FromComputePlan("plan", 3, planTask);

        Assert.Equal("t1", task.Key);
        Assert.Equal("plan", task.ComputePlanKey);
        Assert.Equal(3, task.Rank);
        Assert.Equal("tag", task.Tag);
        Assert.Same(planTask.Inputs, task.Inputs);
    }

    [Fact]
    public void Default_keys_are_new_uuids()
    {
        var first = new ComputePlanSpec { Name = "a" };
        var second = new ComputePlanSpec { Name = "a" };

        Assert.True(Guid.TryParse(first.Key, out _));
        Assert.NotEqual(first.Key, second.Key);
        Assert.True(Guid.TryParse(new TaskSpec { FunctionKey = "f", Worker = "w" }.Key, out _));
    }

    [Fact]
    public void Missing_required_fields_of_the_dictionary_form_are_errors()
    {
        var error = Assert.Throws<SpecValidationException>(
            () => SubstraJson.DeserializeSpec(JsonNode.Parse("""{"tag": "x"}""")!, SubstraJsonContext.Default.ComputePlanSpec));

        Assert.Contains("name", error.Message);
    }

    [Fact]
    public void Function_spec_from_a_generated_schema()
    {
        var schemaPath = Path.Combine(_folder, "train.json");
        File.WriteAllText(
            schemaPath,
            """{"name":"train","inputs":[{"identifier":"opener","kind":"ASSET_DATA_MANAGER","optional":false,"multiple":false},{"identifier":"datasamples","kind":"ASSET_DATA_SAMPLE","optional":false,"multiple":true},{"identifier":"model","kind":"ASSET_MODEL","optional":true,"multiple":false}],"outputs":[{"identifier":"model","kind":"ASSET_MODEL","multiple":false}]}""");

        var spec = FunctionSpec.FromSchemaFile(schemaPath, "train.zip", "description.md", Permissions.PublicAccess);

        Assert.Equal("train", spec.Name);
        Assert.Equal(["opener", "datasamples", "model"], spec.Inputs!.Select(input => input.Identifier));
        Assert.True(spec.Inputs![2].Optional);
        Assert.Equal(AssetKind.Model, spec.Outputs![0].Kind);
    }

    [Fact]
    public void Function_spec_from_the_build_output_folder()
    {
        File.WriteAllText(Path.Combine(_folder, "predict.json"), """{"name":"predict","inputs":[],"outputs":[]}""");

        var spec = FunctionSpec.FromBuildOutput(_folder, "predict", "description.md", Permissions.PublicAccess);

        Assert.Equal(Path.Combine(_folder, "predict.zip"), spec.File);
        Assert.Empty(spec.Inputs!);
    }

    [Fact]
    public void Function_spec_from_a_missing_schema_file_says_to_build()
    {
        var error = Assert.Throws<SpecValidationException>(
            () => FunctionSpec.FromSchemaFile(Path.Combine(_folder, "absent.json"), "a.zip", "d.md", Permissions.PublicAccess));

        Assert.Contains("dotnet build", error.Message);
    }

    [Fact]
    public void Spec_ToString_is_json_indented_by_four_spaces()
    {
        var text = new UpdateFunctionSpec { Name = "new" }.ToString();

        Assert.Equal("{\n    \"name\": \"new\"\n}", text.ReplaceLineEndings("\n"));
    }

    private static FunctionSpec Function() => new()
    {
        Name = "f", Description = "d.md", File = "f.zip", Permissions = Permissions.PublicAccess,
    };
}
