using System.Text;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;

namespace Substra.Sdk.Local.Registration;

/// <summary>
/// The checks of substra-behaviour.md §4.3 for one task, with the reference's messages: inputs and outputs against the
/// function (one OE0101 error listing every problem), data samples against their dataset and worker, and the fixes:
/// unknown asset keys are NotFound naming the key, parents must declare the model output they pass on.
/// Runs under the store's lock.
/// </summary>
internal sealed class TaskSpecValidator(LocalStore store, Func<string, Function?> batchParentFunction)
{
    public const string InvalidAssetCode = "OE0101";
    private const string Opener = "opener";
    private const string DataSamples = "datasamples";

    public Function FunctionOf(string functionKey) =>
        store.Functions.TryGetValue(functionKey, out var function) ? function : throw new NotFoundException($"Wrong pk {functionKey}", 404);

    public void Validate(TaskSpec spec, Function function)
    {
        MetadataRules.Check(spec.Metadata);
        var inputs = spec.Inputs ?? [];
        var outputs = spec.Outputs ?? new Dictionary<string, ComputeTaskOutputSpec>();
        var errors = new StringBuilder();

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            counts[input.Identifier] = counts.GetValueOrDefault(input.Identifier) + 1;
        }

        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in function.Inputs)
        {
            declared.Add(input.Identifier);
            var count = counts.GetValueOrDefault(input.Identifier);
            if (count == 0 && !input.Optional)
            {
                errors.Append($"  - The input {input.Identifier} is not optional according to the function.\n");
            }

            if (count > 1 && !input.Multiple)
            {
                errors.Append($"  - The input {input.Identifier} is not multiple according to the function.\n");
            }
        }

        if (counts.Keys.Any(identifier => !declared.Contains(identifier)))
        {
            errors.Append("  - There are keys in the spec inputs that have not been declared in the function inputs.\n");
        }

        foreach (var input in inputs)
        {
            CheckParentOutput(input, errors);
        }

        var functionOutputs = function.Outputs.ToDictionary(output => output.Identifier, StringComparer.Ordinal);
        var difference = new SortedSet<string>(functionOutputs.Keys, StringComparer.Ordinal);
        difference.SymmetricExceptWith(outputs.Keys);
        if (difference.Count > 0)
        {
            errors.Append("  - The identifiers in the spec outputs and the function outputs must match:")
                .Append('{').Append(string.Join(", ", difference.Select(identifier => $"'{identifier}'"))).Append("}.\n");
        }

        foreach (var (identifier, output) in outputs)
        {
            if (functionOutputs.TryGetValue(identifier, out var declaredOutput) && declaredOutput.Kind == AssetKind.Performance && !output.Permissions.Public)
            {
                errors.Append($"  - invalid task output \"{identifier}\": a PERFORMANCE output should be public.");
            }
        }

        if (errors.Length > 0)
        {
            throw new InvalidRequestException(
                "There are errors in the inputs / outputs fields:\n" + errors, 400, errorCode: InvalidAssetCode);
        }

        CheckDataSamples(spec, inputs);
        CheckAssetKeys(inputs);
    }

    private void CheckParentOutput(InputRef input, StringBuilder errors)
    {
        if (input.ParentTaskKey is not { Length: > 0 } parentKey)
        {
            return;
        }

        var parentFunction = batchParentFunction(parentKey)
            ?? (store.Tasks.TryGetValue(parentKey, out var parent) ? parent.Registered.Function : null);
        if (parentFunction is null)
        {
            // An unknown parent is reported by the ranking, which knows the whole plan.
            return;
        }

        var output = parentFunction.Outputs.FirstOrDefault(candidate => candidate.Identifier == input.ParentTaskOutputIdentifier);
        if (output is null)
        {
            errors.Append($"  - The input {input.Identifier} refers to the output {input.ParentTaskOutputIdentifier} of task {parentKey}, " +
                          "which its function does not declare.\n");
        }
        else if (output.Kind != AssetKind.Model)
        {
            errors.Append($"  - The input {input.Identifier} refers to the output {input.ParentTaskOutputIdentifier} of task {parentKey}, " +
                          "which is a performance: only models can be inputs of other tasks.\n");
        }
    }

    private void CheckAssetKeys(IReadOnlyList<InputRef> inputs)
    {
        foreach (var input in inputs)
        {
            if (input.AssetKey is { Length: > 0 } key &&
                !store.DataSamples.ContainsKey(key) && !store.Datasets.ContainsKey(key) && !store.Models.ContainsKey(key))
            {
                throw new NotFoundException(
                    $"Wrong pk {key}: the input {input.Identifier} refers to no registered dataset, data sample or model.", 404);
            }
        }
    }

    private void CheckDataSamples(TaskSpec spec, IReadOnlyList<InputRef> inputs)
    {
        InputRef? opener = null;
        var openerCount = 0;
        var sampleKeys = new List<string>();
        foreach (var input in inputs)
        {
            if (input.Identifier == Opener)
            {
                opener = input;
                openerCount++;
            }
            else if (input.Identifier == DataSamples && input.AssetKey is { } sampleKey)
            {
                sampleKeys.Add(sampleKey);
            }
        }

        if (openerCount != 1 || sampleKeys.Count == 0 || opener?.AssetKey is not { } datasetKey)
        {
            return;
        }

        if (!store.Datasets.TryGetValue(datasetKey, out var dataset))
        {
            throw new NotFoundException($"Wrong pk {datasetKey}: the opener input refers to no registered dataset.", 404);
        }

        if (dataset.Owner != spec.Worker)
        {
            throw new InvalidRequestException($"The task worker must be the organization that contains the data: {dataset.Owner}", 400);
        }

        var samples = new List<DataSample>(sampleKeys.Count);
        foreach (var key in sampleKeys)
        {
            if (store.DataSamples.TryGetValue(key, out var sample))
            {
                samples.Add(sample);
            }
        }

        if (samples.Count != sampleKeys.Count)
        {
            throw new InvalidRequestException("Could not get all the data_samples in the database with the given data_sample_keys", 400);
        }

        if (samples.Any(sample => sample.DataManagerKeys is null || !sample.DataManagerKeys.Contains(dataset.Key)))
        {
            throw new InvalidRequestException("A data_sample does not belong to the same dataManager", 400);
        }
    }
}
