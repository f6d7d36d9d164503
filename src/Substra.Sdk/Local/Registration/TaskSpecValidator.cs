using System.Runtime.CompilerServices;
using System.Text;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;

namespace Substra.Sdk.Local.Registration;

/// <summary>
/// The registration checks of one task (docs/local.md), with the reference's messages: inputs and outputs against the
/// function (one OE0101 error listing every problem), data samples against their dataset and worker, and the fixes:
/// the worker is an organisation of the network, each input is of the kind the function declares for it, unknown asset
/// keys are NotFound naming the key, parents must declare the model output they pass on. Runs under the store's lock.
/// </summary>
internal sealed class TaskSpecValidator(LocalStore store, Func<string, Function?> batchParentFunction, bool hybrid = false)
{
    private const string HybridNotSupported =
        "is not registered locally. Running tasks on remote models (hybrid mode) is not supported yet: " +
        "register the function, data and models with this local client.";

    public const string InvalidAssetCode = "OE0101";
    private const string Opener = "opener";
    private const string DataSamples = "datasamples";

    private readonly RecentAssetLookups _lookups = new(store);

    // The organisations a task may run on, read once per registration, and the last worker found among them.
    private HashSet<string>? _workers;
    private string? _lastWorker;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Function FunctionOf(string functionKey) =>
        _lookups.Function(functionKey)
        ?? (hybrid ? throw new NotSupportedException($"The function {functionKey} {HybridNotSupported}")
            : throw new NotFoundException($"Wrong pk {functionKey}", 404));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(ComputePlanTaskSpec spec, InputRef[] inputs, Function function)
    {
        MetadataRules.Check(spec.Metadata);
        CheckWorker(spec);
        var outputs = spec.Outputs ?? EmptyOutputs;

        // Allocation-free when everything is valid (index loops: a foreach over an interface boxes its enumerator): plans
        // of 100,000 tasks are validated here.
        StringBuilder? errors = null;
        for (var i = 0; i < function.Inputs.Count; i++)
        {
            var input = function.Inputs[i];
            var count = 0;
            for (var j = 0; j < inputs.Length; j++)
            {
                if (inputs[j].Identifier == input.Identifier)
                {
                    count++;
                }
            }

            if (count == 0 && !input.Optional)
            {
                (errors ??= new()).Append($"  - The input {input.Identifier} is not optional according to the function.\n");
            }

            if (count > 1 && !input.Multiple)
            {
                (errors ??= new()).Append($"  - The input {input.Identifier} is not multiple according to the function.\n");
            }
        }

        for (var i = 0; i < inputs.Length; i++)
        {
            if (!Declares(function.Inputs, inputs[i].Identifier))
            {
                (errors ??= new()).Append("  - There are keys in the spec inputs that have not been declared in the function inputs.\n");
                break;
            }
        }

        for (var i = 0; i < inputs.Length; i++)
        {
            var declared = DeclaredKind(function.Inputs, inputs[i].Identifier);
            CheckParentOutput(spec.TaskId, inputs[i], declared, ref errors);
            CheckAssetKind(spec.TaskId, inputs[i], declared, ref errors);
        }

        var outputsMatch = outputs.Count == function.Outputs.Count;
        for (var i = 0; i < function.Outputs.Count; i++)
        {
            outputsMatch &= outputs.ContainsKey(function.Outputs[i].Identifier);
        }

        if (!outputsMatch)
        {
            var difference = new SortedSet<string>(function.Outputs.Select(output => output.Identifier), StringComparer.Ordinal);
            difference.SymmetricExceptWith(outputs.Keys);
            (errors ??= new()).Append("  - The identifiers in the spec outputs and the function outputs must match:")
                .Append('{').Append(string.Join(", ", difference.Select(identifier => $"'{identifier}'"))).Append("}.\n");
        }

        for (var i = 0; i < function.Outputs.Count; i++)
        {
            var output = function.Outputs[i];
            if (output.Kind == AssetKind.Performance && outputs.TryGetValue(output.Identifier, out var given) && !given.Permissions.Public)
            {
                (errors ??= new()).Append($"  - invalid task output \"{output.Identifier}\": a PERFORMANCE output should be public.");
            }
        }

        if (errors is not null)
        {
            throw new InvalidRequestException(
                "There are errors in the inputs / outputs fields:\n" + errors, 400, errorCode: InvalidAssetCode);
        }

        CheckDataSamples(spec, inputs);
        CheckAssetKeys(inputs);
    }

    private static readonly IReadOnlyDictionary<string, ComputeTaskOutputSpec> EmptyOutputs = new Dictionary<string, ComputeTaskOutputSpec>();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Declares(IReadOnlyList<FunctionInput> declared, string identifier)
    {
        for (var i = 0; i < declared.Count; i++)
        {
            if (declared[i].Identifier == identifier)
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static AssetKind? DeclaredKind(IReadOnlyList<FunctionInput> declared, string identifier)
    {
        for (var i = 0; i < declared.Count; i++)
        {
            if (declared[i].Identifier == identifier)
            {
                return declared[i].Kind;
            }
        }

        return null;
    }

    /// <summary>
    /// The worker must be an organisation of this network (in hybrid mode, also one owning a platform asset the tasks use):
    /// a task on an unknown worker would run here as an organisation that does not exist.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckWorker(ComputePlanTaskSpec spec)
    {
        if (ReferenceEquals(spec.Worker, _lastWorker))
        {
            return;
        }

        _workers ??= KnownWorkers();
        if (_workers.Contains(spec.Worker))
        {
            _lastWorker = spec.Worker;
        }
        else
        {
            var known = string.Join(", ", _workers.Order(StringComparer.Ordinal));
            throw new InvalidRequestException(
                $"The worker '{spec.Worker}' of task {spec.TaskId} is not an organisation of this local network. Known organisations" +
                (hybrid ? " (the local clients' and the owners of the platform assets in use)" : "") + $": {known}. " +
                "Set the worker to the organization_id of the client of the organisation that must run the task.", 400);
        }
    }

    private HashSet<string> KnownWorkers()
    {
        var workers = new HashSet<string>(LocalOrganizations.Ids(store), StringComparer.Ordinal);
        if (hybrid)
        {
            workers.UnionWith(store.RemoteDatasets.Values.Select(dataset => dataset.Owner));
            workers.UnionWith(store.RemoteDataSamples.Values.Select(sample => sample.Owner));
            workers.UnionWith(store.RemoteFunctions.Values.Select(function => function.Owner));
        }

        return workers;
    }

    /// <summary>An asset key must name an asset of the kind the function declares for the input (a dataset for the opener…).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckAssetKind(string taskKey, InputRef input, AssetKind? declared, ref StringBuilder? errors)
    {
        if (input.AssetKey is not { Length: > 0 } key || declared is not { } expected || _lookups.Asset(key).Kind is not { } actual || actual == expected)
        {
            return;
        }

        (errors ??= new()).Append($"  - The input {input.Identifier} of task {taskKey} expects {InputKinds.Describe(expected)}, " +
                                  $"but {key} is {InputKinds.Describe(actual)}: {InputKinds.Fix(expected)}.\n");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckParentOutput(string taskKey, InputRef input, AssetKind? declared, ref StringBuilder? errors)
    {
        if (input.ParentTaskKey is not { Length: > 0 } parentKey)
        {
            return;
        }

        var parentFunction = batchParentFunction(parentKey)
            ?? (store.Tasks.TryGetValue(parentKey, out var parent) ? parent.Function : null);
        if (parentFunction is null)
        {
            // An unknown parent is reported by the ranking, which knows the whole plan.
            return;
        }

        FunctionOutput? output = null;
        for (var i = 0; i < parentFunction.Outputs.Count; i++)
        {
            if (parentFunction.Outputs[i].Identifier == input.ParentTaskOutputIdentifier)
            {
                output = parentFunction.Outputs[i];
                break;
            }
        }

        if (output is null)
        {
            (errors ??= new()).Append($"  - The input {input.Identifier} refers to the output {input.ParentTaskOutputIdentifier} of task {parentKey}, " +
                          "which its function does not declare.\n");
        }
        else if (output.Kind != AssetKind.Model)
        {
            (errors ??= new()).Append($"  - The input {input.Identifier} refers to the output {input.ParentTaskOutputIdentifier} of task {parentKey}, " +
                          "which is a performance: only models can be inputs of other tasks.\n");
        }
        else if (declared is { } expected && expected != AssetKind.Model)
        {
            (errors ??= new()).Append($"  - The input {input.Identifier} of task {taskKey} expects {InputKinds.Describe(expected)}, but refers to " +
                                      $"the output {input.ParentTaskOutputIdentifier} of task {parentKey}, {InputKinds.Describe(AssetKind.Model)}: " +
                                      $"{InputKinds.Fix(expected)}.\n");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckAssetKeys(InputRef[] inputs)
    {
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            if (input.AssetKey is { Length: > 0 } key && _lookups.Asset(key).Kind is null)
            {
                if (hybrid)
                {
                    throw new NotSupportedException($"The asset {key} of input {input.Identifier} {HybridNotSupported}");
                }

                throw new NotFoundException(
                    $"Wrong pk {key}: the input {input.Identifier} refers to no registered dataset, data sample or model.", 404);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckDataSamples(ComputePlanTaskSpec spec, InputRef[] inputs)
    {
        InputRef? opener = null;
        var openerCount = 0;
        var sampleCount = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            if (input.Identifier == Opener)
            {
                opener = input;
                openerCount++;
            }
            else if (input.Identifier == DataSamples && input.AssetKey is not null)
            {
                sampleCount++;
            }
        }

        if (openerCount != 1 || sampleCount == 0 || opener?.AssetKey is not { } datasetKey)
        {
            return;
        }

        if (_lookups.Asset(datasetKey).Dataset is not { } dataset)
        {
            if (hybrid)
            {
                throw new NotSupportedException($"The dataset {datasetKey} {HybridNotSupported}");
            }

            throw new NotFoundException($"Wrong pk {datasetKey}: the opener input refers to no registered dataset.", 404);
        }

        if (dataset.Owner != spec.Worker)
        {
            throw new InvalidRequestException($"The task worker must be the organization that contains the data: {dataset.Owner}", 400);
        }

        var foreign = false;
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            if (input.Identifier != DataSamples || input.AssetKey is not { } sampleKey)
            {
                continue;
            }

            if (_lookups.Asset(sampleKey).Sample is not { } sample)
            {
                throw new InvalidRequestException("Could not get all the data_samples in the database with the given data_sample_keys", 400);
            }

            foreign |= sample.DataManagerKeys is null || !sample.DataManagerKeys.Contains(dataset.Key);
        }

        if (foreign)
        {
            throw new InvalidRequestException("A data_sample does not belong to the same dataManager", 400);
        }
    }
}
