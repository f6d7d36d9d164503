using Substra.Sdk.Schemas;
using Substra.Tools.Plans;
using Substra.Tools.Schema;

namespace Substra.Sdk.Plans;

/// <summary>
/// Builds a <see cref="ComputePlanSpec"/> from the generator's typed function handles. Wiring the types cannot check
/// (cycles, missing required inputs, data on a worker that does not own it, unknown function keys) fails in
/// <see cref="Build"/> with an <see cref="InvalidComputePlanException"/> naming the task.
/// </summary>
public sealed class ComputePlanBuilder
{
    /// <summary>The metadata key performances are grouped by.</summary>
    public const string RoundIndexKey = "round_idx";

    private readonly List<PlanTask> _tasks = [];
    private readonly HashSet<string> _taskIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _functionKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _datasetOwners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);

    /// <summary>Starts a plan named <paramref name="name"/>; its key is <paramref name="key"/> (a UUID) or a new one.</summary>
    public ComputePlanBuilder(string name, string? key = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (key is not null && !Guid.TryParse(key, out _))
        {
            throw new ArgumentException($"The compute plan key '{key}' is not a UUID; leave it null to get a new one.", nameof(key));
        }

        Name = name;
        Key = key ?? Guid.NewGuid().ToString();
    }

    /// <summary>The plan's name.</summary>
    public string Name { get; }

    /// <summary>The plan's key (a UUID), fixed before it is sent so tasks can reference it.</summary>
    public string Key { get; }

    /// <summary>The plan's tag, if set.</summary>
    public string? Tag { get; private set; }

    /// <summary>The permissions of task outputs not set per task. Default: public.</summary>
    public Permissions DefaultOutputPermissions { get; private set; } = Permissions.PublicAccess;

    /// <summary>The tasks added so far, in the order they were added.</summary>
    public IReadOnlyList<PlanTask> Tasks => _tasks;

    /// <summary>Sets the plan's tag.</summary>
    public ComputePlanBuilder WithTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        Tag = tag;
        return this;
    }

    /// <summary>Adds (or replaces) one metadata entry of the plan.</summary>
    public ComputePlanBuilder WithMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        _metadata[key] = value;
        return this;
    }

    /// <summary>Sets the permissions of task outputs that do not set their own.</summary>
    public ComputePlanBuilder WithDefaultOutputPermissions(Permissions permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        DefaultOutputPermissions = permissions;
        return this;
    }

    /// <summary>The key the function got when it was registered (<c>AddFunctionAsync</c>).</summary>
    public ComputePlanBuilder WithFunctionKey(FunctionHandle function, string functionKey)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentException.ThrowIfNullOrWhiteSpace(functionKey);
        _functionKeys[function.Name] = functionKey;
        return this;
    }

    /// <summary>Declares who owns a dataset, so that a task reading it on another worker fails at <see cref="Build"/>.</summary>
    public ComputePlanBuilder WithDatasetOwner(string datasetKey, string owner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        _datasetOwners[datasetKey] = owner;
        return this;
    }

    /// <summary>Adds a task running <paramref name="function"/> on <paramref name="worker"/>.</summary>
    /// <param name="function">A generated handle, e.g. <c>MyFunctions.Handles.Train</c>.</param>
    /// <param name="worker">The organisation id that runs the task.</param>
    /// <param name="taskId">The task key; a new UUID when null.</param>
    public PlanTask<THandle> AddTask<THandle>(THandle function, string worker, string? taskId = null)
        where THandle : FunctionHandle
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        taskId ??= Guid.NewGuid().ToString();
        if (!_taskIds.Add(taskId))
        {
            throw new ArgumentException($"The plan already has a task '{taskId}': task ids must be unique.", nameof(taskId));
        }

        var task = new PlanTask<THandle>(this, function, worker, taskId);
        _tasks.Add(task);
        return task;
    }

    /// <summary>Checks the wiring and returns the spec to pass to <c>AddComputePlanAsync</c>.</summary>
    public ComputePlanSpec Build()
    {
        foreach (PlanTask task in _tasks)
        {
            Validate(task);
        }

        CheckAcyclic();
        return new ComputePlanSpec
        {
            Key = Key,
            Name = Name,
            Tag = Tag,
            Metadata = _metadata.Count == 0 ? null : new Dictionary<string, string>(_metadata, StringComparer.Ordinal),
            Tasks = _tasks.Select(ToSpec).ToList(),
        };
    }

    private void Validate(PlanTask task)
    {
        FunctionHandle function = task.FunctionHandle;
        if (!_functionKeys.ContainsKey(function.Name))
        {
            throw new InvalidComputePlanException(
                task.TaskId,
                $"{task}: no key is known for function '{function.Name}'. Register the function and call WithFunctionKey(handle, key).");
        }

        if (function.UsesData && task.Data is null)
        {
            throw new InvalidComputePlanException(
                task.TaskId,
                $"{task}: the function reads data but no dataset is bound. Call WithData(datasetKey, sampleKeys).");
        }

        if (task.Data is { } data
            && _datasetOwners.TryGetValue(data.DatasetKey, out string? owner)
            && !string.Equals(owner, task.Worker, StringComparison.Ordinal))
        {
            throw new InvalidComputePlanException(
                task.TaskId,
                $"{task}: dataset '{data.DatasetKey}' belongs to '{owner}', so the task must run on '{owner}', not on '{task.Worker}'.");
        }

        foreach (FunctionInputSchema input in function.Schema.Inputs)
        {
            if (input.Kind == AssetKind.Model && !input.Optional && !task.Inputs.Any(i => i.Identifier == input.Identifier))
            {
                throw new InvalidComputePlanException(
                    task.TaskId,
                    $"{task}: the required input '{input.Identifier}' is not connected. Connect it with WithInput, or make it optional in the function.");
            }
        }

        foreach ((string identifier, ComputeTaskOutputSpec output) in task.OutputOverrides)
        {
            bool isPerformance = function.Schema.Outputs.Any(o => o.Identifier == identifier && o.Kind == AssetKind.Performance);
            if (isPerformance && !output.Permissions.Public)
            {
                throw new InvalidComputePlanException(
                    task.TaskId,
                    $"{task}: the performance output '{identifier}' must be public; the platform rejects private performances.");
            }
        }
    }

    // Depth-first search with colours; the first back edge gives the cycle, reported by task.
    private void CheckAcyclic()
    {
        var state = new Dictionary<PlanTask, bool>(ReferenceEqualityComparer.Instance);
        var path = new List<PlanTask>();
        foreach (PlanTask task in _tasks)
        {
            Visit(task, state, path);
        }
    }

    private static void Visit(PlanTask task, Dictionary<PlanTask, bool> state, List<PlanTask> path)
    {
        if (state.TryGetValue(task, out bool done))
        {
            if (!done)
            {
                int start = path.IndexOf(task);
                string cycle = string.Join(" -> ", path.Skip(start).Append(task).Select(t => $"'{t.TaskId}'"));
                throw new InvalidComputePlanException(task.TaskId, $"{task} depends on itself through a cycle: {cycle}. A compute plan must be acyclic.");
            }

            return;
        }

        state[task] = false;
        path.Add(task);
        foreach (PlanTask parent in task.PlanParents)
        {
            Visit(parent, state, path);
        }

        path.RemoveAt(path.Count - 1);
        state[task] = true;
    }

    private ComputePlanTaskSpec ToSpec(PlanTask task)
    {
        var inputs = new List<InputRef>();
        if (task.Data is { } data)
        {
            inputs.Add(InputRef.FromAsset("opener", data.DatasetKey));
            inputs.AddRange(data.SampleKeys.Select(k => InputRef.FromAsset("datasamples", k)));
        }

        inputs.AddRange(task.Inputs.Select(i => i.Parent is { } parent
            ? InputRef.FromParentTask(i.Identifier, parent.TaskKey, parent.OutputIdentifier)
            : InputRef.FromAsset(i.Identifier, i.ModelKey!)));

        var outputs = new Dictionary<string, ComputeTaskOutputSpec>(StringComparer.Ordinal);
        foreach (FunctionOutputSchema output in task.FunctionHandle.Schema.Outputs)
        {
            outputs[output.Identifier] = task.OutputOverrides.TryGetValue(output.Identifier, out ComputeTaskOutputSpec? spec)
                ? spec
                : new ComputeTaskOutputSpec { Permissions = output.Kind == AssetKind.Performance ? Permissions.PublicAccess : DefaultOutputPermissions };
        }

        return new ComputePlanTaskSpec
        {
            TaskId = task.TaskId,
            FunctionKey = _functionKeys[task.FunctionHandle.Name],
            Worker = task.Worker,
            Tag = task.Tag,
            Metadata = task.Metadata.Count == 0 ? null : new Dictionary<string, string>(task.Metadata, StringComparer.Ordinal),
            Inputs = inputs,
            Outputs = outputs,
        };
    }
}
