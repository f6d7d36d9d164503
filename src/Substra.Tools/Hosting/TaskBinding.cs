using Substra.Tools.Cli;
using Substra.Tools.Schema;

namespace Substra.Tools.Hosting;

/// <summary>
/// A task's resources checked against the function's schema: the reserved <c>opener</c>, <c>datasamples</c> and
/// <c>chainkeys</c> taken out (docs/compatibility.md#function-contract), every other input declared, present unless optional, with the
/// declared multiplicity, and exactly the declared outputs.
/// </summary>
internal sealed class TaskBinding
{
    public const string OpenerId = "opener";
    public const string DataSamplesId = "datasamples";
    public const string ChainKeysId = "chainkeys";

    private TaskBinding(
        FunctionSchema schema,
        string? openerPath,
        IReadOnlyList<string> dataSampleFolders,
        string? chainKeysPath,
        Dictionary<string, IReadOnlyList<string>> inputs,
        Dictionary<string, string> outputs)
    {
        Schema = schema;
        OpenerPath = openerPath;
        DataSampleFolders = dataSampleFolders;
        ChainKeysPath = chainKeysPath;
        Inputs = inputs;
        Outputs = outputs;
    }

    public FunctionSchema Schema { get; }

    public string? OpenerPath { get; }

    public IReadOnlyList<string> DataSampleFolders { get; }

    public string? ChainKeysPath { get; }

    /// <summary>Model inputs by identifier (one path for a single input).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Inputs { get; }

    /// <summary>Output paths by identifier.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; }

    public static TaskBinding Bind(FunctionSchema schema, TaskCommandLine commandLine)
    {
        var name = schema.Name;
        var declaredInputs = new Dictionary<string, FunctionInputSchema>(StringComparer.Ordinal);
        foreach (var input in schema.Inputs)
        {
            declaredInputs[input.Identifier] = input;
        }

        // Grouped by identifier, in the order given.
        var given = new Dictionary<string, List<TaskResource>>(StringComparer.Ordinal);
        foreach (var resource in commandLine.Inputs)
        {
            if (!given.TryGetValue(resource.Id, out var group))
            {
                group = [];
                given.Add(resource.Id, group);
            }

            group.Add(resource);
        }

        foreach (var (id, resources) in given)
        {
            if (id == ChainKeysId)
            {
                continue;
            }

            if (!declaredInputs.TryGetValue(id, out var declared))
            {
                throw new TaskFailureException(
                    $"The input '{id}' is not declared by the function '{name}' (declared inputs: {List(schema.Inputs.Select(input => input.Identifier))}).");
            }

            if (declared.Multiple != resources[0].Multiple)
            {
                throw new TaskFailureException(declared.Multiple
                    ? $"The input '{id}' of the function '{name}' is multiple, but is given with \"multiple\": false."
                    : $"The input '{id}' of the function '{name}' is not multiple, but is given with \"multiple\": true.");
            }
        }

        foreach (var declared in schema.Inputs)
        {
            // In hybrid mode the opener makes fake samples, so no data sample is given.
            var exempt = declared.Optional || (declared.Identifier == DataSamplesId && commandLine.FakeData);
            if (!exempt && !given.ContainsKey(declared.Identifier))
            {
                throw new TaskFailureException(
                    $"The input '{declared.Identifier}' of the function '{name}' is missing from --inputs; it is not optional.");
            }
        }

        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in commandLine.Outputs)
        {
            if (!IsDeclaredOutput(schema, resource.Id))
            {
                throw new TaskFailureException(
                    $"The output '{resource.Id}' is not declared by the function '{name}' (declared outputs: {List(schema.Outputs.Select(output => output.Identifier))}).");
            }

            if (resource.Multiple)
            {
                throw new TaskFailureException(
                    $"The output '{resource.Id}' is given with \"multiple\": true; multiple outputs are not supported.");
            }

            outputs[resource.Id] = resource.Value;
        }

        foreach (var declared in schema.Outputs)
        {
            if (!outputs.ContainsKey(declared.Identifier))
            {
                throw new TaskFailureException($"The output '{declared.Identifier}' of the function '{name}' is missing from --outputs.");
            }
        }

        var inputs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (id, resources) in given)
        {
            if (id is not (OpenerId or DataSamplesId or ChainKeysId))
            {
                inputs.Add(id, Values(resources));
            }
        }

        return new TaskBinding(
            schema,
            given.TryGetValue(OpenerId, out var opener) ? opener[0].Value : null,
            given.TryGetValue(DataSamplesId, out var samples) ? Values(samples) : [],
            given.TryGetValue(ChainKeysId, out var chainKeys) ? chainKeys[0].Value : null,
            inputs,
            outputs);
    }

    private static bool IsDeclaredOutput(FunctionSchema schema, string identifier)
    {
        foreach (var output in schema.Outputs)
        {
            if (output.Identifier == identifier)
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Values(List<TaskResource> resources)
    {
        var values = new string[resources.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = resources[i].Value;
        }

        return values;
    }

    private static string List(IEnumerable<string> identifiers)
    {
        var text = string.Join(", ", identifiers);
        return text.Length == 0 ? "none" : text;
    }
}
