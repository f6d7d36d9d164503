using Substra.Sdk.Schemas;
using Substra.Tools.Plans;
using Substra.Tools.Schema;

namespace Substra.Sdk.Plans;

/// <summary>
/// A task of a plan being built: one function run on one organisation. Made by <see cref="ComputePlanBuilder.AddTask"/>;
/// configured through the typed <see cref="PlanTask{THandle}"/>.
/// </summary>
public abstract class PlanTask
{
    private readonly List<PlanInput> _inputs = [];
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ComputeTaskOutputSpec> _outputs = new(StringComparer.Ordinal);

    private protected PlanTask(ComputePlanBuilder plan, FunctionHandle function, string worker, string taskId)
    {
        Plan = plan;
        FunctionHandle = function;
        Worker = worker;
        TaskId = taskId;
    }

    /// <summary>The task key (the plan's <c>task_id</c>).</summary>
    public string TaskId { get; }

    /// <summary>The organisation that runs the task.</summary>
    public string Worker { get; }

    /// <summary>The function the task runs.</summary>
    public FunctionHandle FunctionHandle { get; }

    /// <summary>The task's tag, if set.</summary>
    public string? Tag { get; private protected set; }

    /// <summary>The data the task reads, for functions that use data.</summary>
    public TaskData? Data { get; private protected set; }

    /// <summary>The task's user metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _metadata;

    internal ComputePlanBuilder Plan { get; }

    internal IReadOnlyList<PlanInput> Inputs => _inputs;

    internal IReadOnlyDictionary<string, ComputeTaskOutputSpec> OutputOverrides => _outputs;

    /// <summary>Parents inside the plan being built.</summary>
    internal IEnumerable<PlanTask> PlanParents => _inputs.Where(i => i.Parent?.Task is not null).Select(i => i.Parent!.Task!);

    /// <summary>The task id, its function and its worker, for messages.</summary>
    public override string ToString() => $"task '{TaskId}' ({FunctionHandle.Name} on {Worker})";

    private protected void AddInput(InputSlot slot, TaskOutput? parent, string? modelKey)
    {
        FunctionInputSchema declared = FindInput(slot.Identifier);
        if (!declared.Multiple && _inputs.Any(i => i.Identifier == slot.Identifier))
        {
            throw new InvalidOperationException(
                $"The input '{slot.Identifier}' of {this} already has a source and is not multiple: connect it once.");
        }

        if (parent?.Task is { } parentTask && !ReferenceEquals(parentTask.Plan, Plan))
        {
            throw new InvalidOperationException(
                $"The input '{slot.Identifier}' of {this} is connected to {parentTask}, which belongs to another plan builder; "
                + "use TaskOutput.FromExistingTask for tasks registered earlier.");
        }

        _inputs.Add(new PlanInput(slot.Identifier, parent, modelKey));
    }

    private protected void SetMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        _metadata[key] = value;
    }

    private protected void SetOutput(OutputSlot slot, ComputeTaskOutputSpec spec)
    {
        CheckOutput(slot);
        _outputs[slot.Identifier] = spec;
    }

    private protected void CheckOutput(OutputSlot slot)
    {
        if (!FunctionHandle.Schema.Outputs.Any(o => o.Identifier == slot.Identifier))
        {
            throw new ArgumentException(
                $"The function '{FunctionHandle.Name}' of {this} has no output '{slot.Identifier}': use a slot of its handle's Outputs.",
                nameof(slot));
        }
    }

    private FunctionInputSchema FindInput(string identifier)
        => FunctionHandle.Schema.Inputs.FirstOrDefault(i => i.Identifier == identifier && i.Kind == AssetKind.Model)
            ?? throw new ArgumentException(
                $"The function '{FunctionHandle.Name}' of {this} has no model input '{identifier}': use a slot of its handle's Inputs.",
                nameof(identifier));
}
