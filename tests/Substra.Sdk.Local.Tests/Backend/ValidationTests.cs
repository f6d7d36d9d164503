using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>Every registration check (docs/local.md), with its message; nothing is registered when a check fails.</summary>
public sealed class ValidationTests : IAsyncLifetime
{
    private readonly LocalNetwork _network = new(organizations: 2);
    private string _orgA = "";
    private string _orgB = "";
    private string _train = "";
    private string _evaluate = "";
    private string _dataset = "";
    private IReadOnlyList<string> _samples = [];

    public async Task InitializeAsync()
    {
        _orgA = await _network.OrganizationIdAsync(0);
        _orgB = await _network.OrganizationIdAsync(1);
        _train = await _network.AddFunctionAsync(0, "train", [.. DataInputs, Input("model", AssetKind.Model, optional: true)], [Output("model", AssetKind.Model)]);
        _evaluate = await _network.AddFunctionAsync(0, "evaluate", [.. DataInputs, Input("model", AssetKind.Model)],
            [Output("error", AssetKind.Performance), Output("count", AssetKind.Performance)]);
        (_dataset, _samples) = await _network.AddDatasetAsync(0, [(1, 2)], [(2, 3)]);
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    public static TheoryData<string, string, string> Metadata => new()
    {
        { new string('k', 51), "v", "The key in metadata cannot be more than 50 characters" },
        { "key", "", "Values in metadata cannot be empty or more than 100 characters" },
        { "key", new string('v', 101), "Values in metadata cannot be empty or more than 100 characters" },
        { "wrong__key", "v", "\"__\" cannot be used in a metadata key, please use simple underscore instead" },
    };

    [Theory]
    [MemberData(nameof(Metadata))]
    public async Task Metadata_limits_apply_to_plans_tasks_functions_and_datasets(string key, string value, string message)
    {
        var metadata = new Dictionary<string, string> { [key] = value };

        var onPlan = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network[0].AddComputePlanAsync(new ComputePlanSpec { Name = "p", Metadata = metadata }, BatchingOptions.Default, None));
        var onTask = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network[0].AddComputePlanAsync(Plan(TrainA("t") with { Metadata = metadata }), BatchingOptions.Default, None));
        var onFunction = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network.AddFunctionAsync(0, "train", DataInputs, [Output("model", AssetKind.Model)], metadata: metadata));

        Assert.All([onPlan, onTask, onFunction], error =>
        {
            Assert.Equal(message, error.Message);
            Assert.Equal(400, error.StatusCode);
        });
    }

    [Fact]
    public async Task Inputs_and_outputs_errors_are_listed_together_as_OE0101()
    {
        var task = new ComputePlanTaskSpec
        {
            TaskId = Guid.NewGuid().ToString(),
            FunctionKey = _evaluate,
            Worker = _orgA,
            Inputs = [InputRef.FromAsset("opener", _dataset), InputRef.FromAsset("opener", _dataset), InputRef.FromAsset("unknown", _dataset)],
            Outputs = new Dictionary<string, ComputeTaskOutputSpec>
            {
                ["error"] = new() { Permissions = Permissions.Private(_orgA) },
                ["extra"] = PublicOutput,
            },
        };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => _network[0].AddComputePlanAsync(Plan(task), BatchingOptions.Default, None));

        Assert.Equal(
            "There are errors in the inputs / outputs fields:\n" +
            "  - The input opener is not multiple according to the function.\n" +
            "  - The input datasamples is not optional according to the function.\n" +
            "  - The input model is not optional according to the function.\n" +
            "  - There are keys in the spec inputs that have not been declared in the function inputs.\n" +
            "  - The identifiers in the spec outputs and the function outputs must match:{'count', 'extra'}.\n" +
            "  - invalid task output \"error\": a PERFORMANCE output should be public.",
            error.Message);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("OE0101", error.ErrorCode);
    }

    [Fact]
    public async Task None_inputs_and_outputs_are_empty()
    {
        var task = new ComputePlanTaskSpec { TaskId = Guid.NewGuid().ToString(), FunctionKey = _train, Worker = _orgA };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => _network[0].AddComputePlanAsync(Plan(task), BatchingOptions.Default, None));

        Assert.Contains("  - The input opener is not optional according to the function.\n", error.Message);
        Assert.Contains("must match:{'model'}.", error.Message);
    }

    [Fact]
    public async Task Task_worker_must_own_the_data()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network[0].AddComputePlanAsync(Plan(TrainA("t") with { Worker = _orgB }), BatchingOptions.Default, None));

        Assert.Equal($"The task worker must be the organization that contains the data: {_orgA}", error.Message);
    }

    [Fact]
    public async Task Every_data_sample_must_exist()
    {
        var task = TrainA("t") with { Inputs = [.. DataRefs(_dataset, _samples), InputRef.FromAsset("datasamples", Guid.NewGuid().ToString())] };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => _network[0].AddComputePlanAsync(Plan(task), BatchingOptions.Default, None));

        Assert.Equal("Could not get all the data_samples in the database with the given data_sample_keys", error.Message);
    }

    [Fact]
    public async Task Data_samples_must_belong_to_the_dataset()
    {
        var (_, otherSamples) = await _network.AddDatasetAsync(0, [(5, 5)]);
        var task = TrainA("t") with { Inputs = DataRefs(_dataset, [.. _samples, .. otherSamples]) };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => _network[0].AddComputePlanAsync(Plan(task), BatchingOptions.Default, None));

        Assert.Equal("A data_sample does not belong to the same dataManager", error.Message);
    }

    [Fact]
    public async Task Unknown_keys_are_not_found_naming_the_key()
    {
        var function = Guid.NewGuid().ToString();
        var asset = Guid.NewGuid().ToString();
        var plan = Guid.NewGuid().ToString();

        var unknownFunction = await Assert.ThrowsAsync<NotFoundException>(() =>
            _network[0].AddComputePlanAsync(Plan(TrainA("t") with { FunctionKey = function }), BatchingOptions.Default, None));
        var unknownAsset = await Assert.ThrowsAsync<NotFoundException>(() =>
            _network[0].AddComputePlanAsync(Plan(TrainA("t") with { Inputs = [.. DataRefs(_dataset, _samples), InputRef.FromAsset("model", asset)] }),
                BatchingOptions.Default, None));
        var unknownPlan = await Assert.ThrowsAsync<NotFoundException>(() =>
            _network[0].AddComputePlanTasksAsync(new UpdateComputePlanTasksSpec { Key = plan, Tasks = [] }, BatchingOptions.Default, None));
        var unknownTask = await Assert.ThrowsAsync<NotFoundException>(() => _network[0].GetTaskAsync(plan, None));

        Assert.Equal($"Wrong pk {function}", unknownFunction.Message);
        Assert.StartsWith($"Wrong pk {asset}: the input model refers to no registered dataset, data sample or model", unknownAsset.Message);
        Assert.Equal($"Wrong pk {plan}", unknownPlan.Message);
        Assert.Equal($"Wrong pk {plan}", unknownTask.Message);
        Assert.All([unknownFunction, unknownAsset, unknownPlan, unknownTask], error => Assert.Equal(404, error.StatusCode));
    }

    [Fact]
    public async Task Data_samples_need_a_dataset_and_an_existing_folder()
    {
        var folder = PythonFunctions.DataSample(Path.Combine(_network.Root, "lonely"), (1, 1));

        var noDataset = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network[0].AddDataSamplesAsync(new DataSampleSpec { Path = folder, DataManagerKeys = [] }, local: true, None));
        var missingFolder = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network[0].AddDataSamplesAsync(new DataSampleSpec { Path = folder + "-missing", DataManagerKeys = [_dataset] }, local: true, None));
        var unknownDataset = await Assert.ThrowsAsync<NotFoundException>(() =>
            _network[0].AddDataSamplesAsync(new DataSampleSpec { Path = folder, DataManagerKeys = ["nope"] }, local: true, None));

        Assert.Equal("Please add at least one data manager for the data sample", noDataset.Message);
        Assert.StartsWith($"The data sample path '{folder}-missing' is not an existing directory", missingFolder.Message);
        Assert.Equal("Wrong pk nope", unknownDataset.Message);
    }

    [Fact]
    public async Task Duplicate_keys_raise_key_already_exists()
    {
        var spec = Plan();
        await _network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);

        var duplicatePlan = await Assert.ThrowsAsync<KeyAlreadyExistsException>(() => _network[1].AddComputePlanAsync(spec, BatchingOptions.Default, None));

        Assert.Equal($"The asset key {spec.Key} of type compute_plan has already been used.", duplicatePlan.Message);
    }

    [Fact]
    public async Task A_standalone_task_must_have_rank_zero()
    {
        var spec = new TaskSpec { FunctionKey = _train, Worker = _orgA, Rank = 2, Inputs = DataRefs(_dataset, _samples), Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput } };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => _network[0].AddTaskAsync(spec, None));

        Assert.Equal("invalid inputs, a new ComputePlan should have a rank 0", error.Message);
    }

    [Fact]
    public async Task An_invalid_task_registers_nothing_of_its_plan()
    {
        var spec = Plan(TrainA("good"), TrainA("bad") with { Worker = _orgB });

        await Assert.ThrowsAsync<InvalidRequestException>(() => _network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None));

        await Assert.ThrowsAsync<NotFoundException>(() => _network[0].GetComputePlanAsync(spec.Key, None));
        await Assert.ThrowsAsync<NotFoundException>(() => _network[0].GetTaskAsync(spec.Tasks![0].TaskId, None));
        var tasks = await _network[0].ListTasksAsync(new ListQuery(new ListFilters
        {
            Values = new Dictionary<string, IReadOnlyList<string>> { ["compute_plan_key"] = [spec.Key] },
        }), None);
        Assert.Empty(tasks);
    }

    [Fact]
    public async Task Inputs_of_the_wrong_kind_are_listed_with_the_task_the_key_and_both_kinds()
    {
        var model = await TrainedModelAsync();
        var wrong = TrainA("wrong") with
        {
            Inputs =
            [
                InputRef.FromAsset("opener", model),
                InputRef.FromAsset("datasamples", _samples[0]),
                InputRef.FromAsset("datasamples", model),
                InputRef.FromAsset("model", _dataset),
            ],
        };
        var sampleAsModel = TrainA("sample as model") with { Inputs = [.. DataRefs(_dataset, _samples), InputRef.FromAsset("model", _samples[1])] };
        var parentAsOpener = TrainA("parent as opener") with
        {
            Inputs = [InputRef.FromParentTask("opener", sampleAsModel.TaskId, "model"), .. _samples.Select(sample => InputRef.FromAsset("datasamples", sample))],
        };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => _network[0].AddComputePlanAsync(Plan(wrong), BatchingOptions.Default, None));
        var second = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network[0].AddComputePlanAsync(Plan(sampleAsModel with { Inputs = DataRefs(_dataset, _samples) }, parentAsOpener), BatchingOptions.Default, None));
        var third = await Assert.ThrowsAsync<InvalidRequestException>(() => _network[0].AddComputePlanAsync(Plan(sampleAsModel), BatchingOptions.Default, None));

        Assert.Equal(
            "There are errors in the inputs / outputs fields:\n" +
            $"  - The input opener of task {wrong.TaskId} expects a dataset (ASSET_DATA_MANAGER), but {model} is a model (ASSET_MODEL): give the key of a dataset.\n" +
            $"  - The input datasamples of task {wrong.TaskId} expects a data sample (ASSET_DATA_SAMPLE), but {model} is a model (ASSET_MODEL): " +
            "give the key of a data sample.\n" +
            $"  - The input model of task {wrong.TaskId} expects a model (ASSET_MODEL), but {_dataset} is a dataset (ASSET_DATA_MANAGER): " +
            "give the key of a model, or a parent task and its model output.\n",
            error.Message);
        Assert.Equal(
            "There are errors in the inputs / outputs fields:\n" +
            $"  - The input opener of task {parentAsOpener.TaskId} expects a dataset (ASSET_DATA_MANAGER), but refers to the output model of task " +
            $"{sampleAsModel.TaskId}, a model (ASSET_MODEL): give the key of a dataset.\n",
            second.Message);
        Assert.Equal(
            "There are errors in the inputs / outputs fields:\n" +
            $"  - The input model of task {sampleAsModel.TaskId} expects a model (ASSET_MODEL), but {_samples[1]} is a data sample (ASSET_DATA_SAMPLE): " +
            "give the key of a model, or a parent task and its model output.\n",
            third.Message);
        Assert.All([error, second, third], e =>
        {
            Assert.Equal(400, e.StatusCode);
            Assert.Equal("OE0101", e.ErrorCode);
        });
        await Assert.ThrowsAsync<NotFoundException>(() => _network[0].GetTaskAsync(sampleAsModel.TaskId, None));
    }

    [Fact]
    public async Task Inputs_of_the_declared_kind_are_accepted()
    {
        var model = await TrainedModelAsync();

        var plan = await _network[0].AddComputePlanAsync(
            Plan(TrainA("with model") with { Inputs = [.. DataRefs(_dataset, _samples), InputRef.FromAsset("model", model)] }), BatchingOptions.Default, None);

        Assert.Equal(ComputePlanStatus.Done, (await _network.WaitForPlanAsync(plan.Key)).Status);
    }

    [Fact]
    public async Task A_worker_that_is_no_organisation_of_the_network_is_refused_naming_the_known_ones()
    {
        var task = TrainA("t") with { Worker = "MyOrgUnknownMSP" };
        var spec = Plan(TrainA("good"), task);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => _network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None));

        Assert.StartsWith($"The worker 'MyOrgUnknownMSP' of task {task.TaskId} is not an organisation of this local network. Known organisations: ", error.Message);
        Assert.Contains(_orgA, error.Message);
        Assert.Contains(_orgB, error.Message);
        Assert.EndsWith(". Set the worker to the organization_id of the client of the organisation that must run the task.", error.Message);
        Assert.Equal(400, error.StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => _network[0].GetComputePlanAsync(spec.Key, None));
    }

    [Fact]
    public async Task A_sample_cannot_be_added_to_a_dataset_of_another_organisation_and_nothing_is_registered()
    {
        var (datasetB, _) = await _network.AddDatasetAsync(1);
        var folder = PythonFunctions.DataSample(Path.Combine(_network.Root, "cross-owner"), (1, 1));
        var before = await _network[1].ListDataSamplesAsync(ListQuery.All, None);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network[1].AddDataSamplesAsync(new DataSampleSpec { Paths = [folder, folder], DataManagerKeys = [datasetB, _dataset] }, local: true, None));

        Assert.Equal(
            $"The data sample '{folder}' (and 1 more) of {_orgB} cannot be added to the dataset {_dataset} of {_orgA}: a data sample belongs only to " +
            $"datasets of its own organisation. Register the sample with the client of {_orgA}, or give a dataset of {_orgB}.",
            error.Message);
        Assert.Equal(400, error.StatusCode);
        Assert.Empty((await _network[1].GetDatasetAsync(datasetB, None)).DataSampleKeys);
        Assert.Equal(_samples, (await _network[1].GetDatasetAsync(_dataset, None)).DataSampleKeys);
        Assert.Equal(before.Count, (await _network[1].ListDataSamplesAsync(ListQuery.All, None)).Count);
    }

    [Fact]
    public async Task A_sample_cannot_be_linked_to_a_dataset_of_another_organisation_and_nothing_is_linked()
    {
        var (datasetA, samplesA) = await _network.AddDatasetAsync(0, [(1, 1)]);
        var (datasetB, samplesB) = await _network.AddDatasetAsync(1, [(2, 2)]);

        var crossOwner = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network[0].LinkDatasetWithDataSamplesAsync(_dataset, [samplesA[0], samplesB[0]], None));
        var reverse = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network[1].LinkDatasetWithDataSamplesAsync(datasetB, [samplesA[0]], None));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() =>
            _network[0].LinkDatasetWithDataSamplesAsync(_dataset, [samplesA[0], "missing"], None));

        Assert.Equal(
            $"The data sample {samplesB[0]} of {_orgB} cannot be linked to the dataset {_dataset} of {_orgA}: a data sample belongs only to " +
            $"datasets of its own organisation. Link it to a dataset of {_orgB}.",
            crossOwner.Message);
        Assert.StartsWith($"The data sample {samplesA[0]} of {_orgA} cannot be linked to the dataset {datasetB} of {_orgB}", reverse.Message);
        Assert.Equal("Wrong pk missing", unknown.Message);
        Assert.Equal(_samples, (await _network[0].GetDatasetAsync(_dataset, None)).DataSampleKeys);
        Assert.Equal(samplesB, (await _network[0].GetDatasetAsync(datasetB, None)).DataSampleKeys);
        Assert.Equal([datasetA], (await _network[0].GetDataSampleAsync(samplesA[0], None)).DataManagerKeys);
        Assert.Equal([datasetB], (await _network[0].GetDataSampleAsync(samplesB[0], None)).DataManagerKeys);
    }

    [Fact]
    public async Task Creator_permissions_include_the_owner_without_changing_the_spec()
    {
        var requested = Permissions.Private("SomeOrg");
        var folder = Path.Combine(_network.Root, "perm");
        var archive = PythonFunctions.Archive(folder, "train");
        var description = Path.Combine(folder, "description.md");
        await File.WriteAllTextAsync(description, "d");

        var key = await _network[0].AddFunctionAsync(new FunctionSpec { Name = "f", File = archive, Description = description, Permissions = requested }, None);

        var function = await _network[1].GetFunctionAsync(key, None);
        Assert.Equal(["SomeOrg", _orgA], function.Permissions.Process.AuthorizedIds);
        Assert.False(function.Permissions.Process.Public);
        Assert.Equal(["SomeOrg"], requested.AuthorizedIds);
        var publicFunction = await _network[0].GetFunctionAsync(_train, None);
        Assert.True(publicFunction.Permissions.Process.Public);
        Assert.Empty(publicFunction.Permissions.Process.AuthorizedIds);
        Assert.Equal(FunctionStatus.Ready, function.Status);
    }

    private ComputePlanTaskSpec TrainA(string id) => new()
    {
        TaskId = Guid.NewGuid().ToString(),
        FunctionKey = _train,
        Worker = _orgA,
        Inputs = DataRefs(_dataset, _samples),
        Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
        Tag = id,
    };

    private async Task<string> TrainedModelAsync()
    {
        var task = TrainA("trained");
        var plan = await _network[0].AddComputePlanAsync(Plan(task), BatchingOptions.Default, None);
        Assert.Equal(ComputePlanStatus.Done, (await _network.WaitForPlanAsync(plan.Key)).Status);
        var outputs = await _network[0].ListTaskOutputAssetsAsync(task.TaskId, null, None);
        return Assert.Single(outputs).Model!.Key;
    }

    private static ComputePlanSpec Plan(params ComputePlanTaskSpec[] tasks) => new() { Name = "validation", Tasks = tasks };
}
