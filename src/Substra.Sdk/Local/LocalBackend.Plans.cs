using System.Diagnostics;
using System.Runtime.CompilerServices;
using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Graph;
using Substra.Sdk.Local.Registration;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Local;

// Tasks and compute plans, with the platform's lifecycle: registration validates everything first, journals the whole
// batch in one transaction, then registers it in memory and hands ready tasks to the scheduler.
internal sealed partial class LocalBackend
{
    public Task<string> AddTaskAsync(TaskSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _store.Transition(lifecycle =>
        {
            PlanEntry plan;
            var newPlan = spec.ComputePlanKey is null;
            if (newPlan)
            {
                if (spec.Rank is { } rank && rank != 0)
                {
                    throw new InvalidRequestException("invalid inputs, a new ComputePlan should have a rank 0", 400);
                }

                var key = Guid.NewGuid().ToString();
                plan = NewPlan(key, key, tag: null, metadata: null, lifecycle.Now);
            }
            else
            {
                plan = _store.Plans.GetValueOrDefault(spec.ComputePlanKey!) ?? throw NotFound(spec.ComputePlanKey!);
            }

            var task = new ComputePlanTaskSpec
            {
                TaskId = spec.Key, FunctionKey = spec.FunctionKey, Worker = spec.Worker, Tag = spec.Tag, Metadata = spec.Metadata,
                Inputs = spec.Inputs, Outputs = spec.Outputs,
            };
            RegisterTasks(plan, [task], spec.Rank, newPlan, lifecycle);
        });
        return Task.FromResult(spec.Key);
    }

    public Task<ComputePlan> AddComputePlanAsync(ComputePlanSpec spec, BatchingOptions batching, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        MetadataRules.Check(spec.Metadata);
        ComputePlan? result = null;
        _store.Transition(lifecycle =>
        {
            if (_store.Plans.ContainsKey(spec.Key))
            {
                throw new KeyAlreadyExistsException($"The asset key {spec.Key} of type compute_plan has already been used.");
            }

            var plan = NewPlan(spec.Key, spec.Name, spec.Tag, spec.Metadata, lifecycle.Now);
            RegisterTasks(plan, spec.Tasks ?? [], rank: null, newPlan: true, lifecycle);
            result = plan.Snapshot(lifecycle.Now);
        });
        return Task.FromResult(result!);
    }

    public Task<ComputePlan> AddComputePlanTasksAsync(UpdateComputePlanTasksSpec spec, BatchingOptions batching, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ComputePlan? result = null;
        _store.Transition(lifecycle =>
        {
            var plan = _store.Plans.GetValueOrDefault(spec.Key) ?? throw NotFound(spec.Key);
            RegisterTasks(plan, spec.Tasks ?? [], rank: null, newPlan: false, lifecycle);
            result = plan.Snapshot(lifecycle.Now);
        });
        return Task.FromResult(result!);
    }

    public Task CancelComputePlanAsync(string key, CancellationToken cancellationToken)
    {
        _store.Transition(lifecycle =>
        {
            var plan = _store.Plans.GetValueOrDefault(key) ?? throw NotFound(key);
            if (plan.Status is not (ComputePlanStatus.Done or ComputePlanStatus.Canceled))
            {
                lifecycle.CancelPlan(plan);
            }
        });
        _logger.LogPlanCanceled(key);
        return Task.CompletedTask;
    }

    private PlanEntry NewPlan(string key, string name, string? tag, IReadOnlyDictionary<string, string>? metadata, DateTimeOffset now) =>
        new(new ComputePlan
        {
            Key = key,
            Name = name,
            Tag = tag ?? "",
            Owner = _organization.Id,
            Creator = _organization.Id,
            Metadata = metadata is null ? new Dictionary<string, string>() : new Dictionary<string, string>(metadata),
            Status = ComputePlanStatus.Created,
            CreationDate = now,
        });

    /// <summary>
    /// Validates every task, ranks them (parents may be in the batch or already registered), then registers the plan
    /// (when new) and the tasks in rank order: journaled first, then in memory. Nothing is registered when anything is
    /// invalid. Runs under the lock, in the transition's journal transaction. The specs are read as given (no copy per
    /// task); <paramref name="rank"/> is the rank a single task was given (<c>add_task</c>), null to compute them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RegisterTasks(PlanEntry plan, IReadOnlyList<ComputePlanTaskSpec> specs, int? rank, bool newPlan, TaskLifecycle lifecycle)
    {
        var stopwatch = Stopwatch.StartNew();
        if (!newPlan && plan.Status is ComputePlanStatus.Failed or ComputePlanStatus.Canceled)
        {
            throw new InvalidRequestException(
                $"Cannot add tasks to compute plan {plan.Key}: it is {plan.Status.ToWireName()}. Create a new compute plan instead.", 400);
        }

        var count = specs.Count;
        var functions = new Function[count];
        var batchIndex = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            // Keys are UUIDs, as on the platform: a key never becomes a path, and nothing else is accepted.
            if (!Guid.TryParseExact(specs[i].TaskId, "D", out _))
            {
                throw new InvalidRequestException(
                    $"The task key '{specs[i].TaskId}' is not a UUID: task keys (task_id in a compute plan) must be UUIDs such as '{Guid.NewGuid()}'.", 400);
            }

            if (!batchIndex.TryAdd(specs[i].TaskId, i))
            {
                throw new InvalidRequestException($"Two tasks cannot have the same id. Duplicate task_id: '{specs[i].TaskId}'.", 400);
            }
        }

        var validator = new TaskSpecValidator(_store, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (parentKey) =>
            batchIndex.TryGetValue(parentKey, out var index) ? functions[index] ?? FunctionOrNull(specs[index].FunctionKey) : null,
            hybrid: IsHybrid);
        MetadataRules.Check(plan.Registered.Metadata);
        var parents = new string[count][];
        var inputs = new InputRef[count][];
        var keys = new string[count];
        HashSet<string>? otherPlans = null;
        Dictionary<string, int>? knownRanks = null;
        for (var i = 0; i < count; i++)
        {
            var spec = specs[i];
            functions[i] = validator.FunctionOf(spec.FunctionKey);
            inputs[i] = InputsOf(spec);
            validator.Validate(spec, inputs[i], functions[i]);
            if (_store.Tasks.ContainsKey(spec.TaskId))
            {
                throw new KeyAlreadyExistsException($"The asset key {spec.TaskId} of type task has already been used.");
            }

            var parentKeys = parents[i] = ParentKeys(inputs[i]);
            keys[i] = spec.TaskId;
            for (var j = 0; j < parentKeys.Length; j++)
            {
                var parentKey = parentKeys[j];
                // Registered parents are valid: in this plan their rank counts, in another plan they only gate execution.
                if (!batchIndex.ContainsKey(parentKey) && _store.Tasks.TryGetValue(parentKey, out var existing))
                {
                    if (existing.Plan == plan)
                    {
                        (knownRanks ??= new(StringComparer.Ordinal))[parentKey] = existing.Rank;
                    }
                    else
                    {
                        (otherPlans ??= new(StringComparer.Ordinal)).Add(parentKey);
                    }
                }
            }
        }

        var validated = stopwatch.Elapsed;
        // By position in the batch: the keys are hashed once, in batchIndex.
        var ranked = ComputePlanGraph.Rank(keys, batchIndex, parents, otherPlans, knownRanks);
        var order = ComputePlanGraph.OrderByRank(ranked);
        var rankedAt = stopwatch.Elapsed;

        // One growth of the store's collections for the whole batch instead of a doubling every few thousand tasks.
        _store.Tasks.EnsureCapacity(_store.Tasks.Count + count);
        plan.Tasks.EnsureCapacity(plan.Tasks.Count + count);
        var created = new TaskEntry[count];
        var inOrder = new TaskEntry[count];
        Func<string, TaskEntry> parentOf = [MethodImpl(MethodImplOptions.AggressiveOptimization)] (parentKey) =>
            batchIndex.TryGetValue(parentKey, out var parentIndex) ? created[parentIndex] : _store.Tasks[parentKey];
        // Converted once per dictionary the caller gave (tasks usually share one).
        var convertedOutputs = new IdentityMemo<IReadOnlyDictionary<string, ComputeTaskOutputSpec>, IReadOnlyDictionary<string, ComputeTaskOutput>>(Outputs);
        var submittedFrom = Activity.Current is { } current ? new System.Runtime.CompilerServices.StrongBox<ActivityContext>(current.Context) : null;
        var metadata = new MetadataCopies();
        var now = lifecycle.Now;
        var backendType = _settings.BackendType;
        for (var position = 0; position < order.Length; position++)
        {
            var i = order[position];
            var spec = specs[i];
            created[i] = inOrder[position] = new TaskEntry
            {
                Key = spec.TaskId,
                Function = functions[i],
                Owner = _organization.Id,
                Plan = plan,
                Metadata = spec.Metadata is null ? EmptyMetadata : metadata.CopyOf(spec.Metadata),
                Status = ComputeTaskStatus.WaitingForParentTasks,
                Worker = spec.Worker,
                Rank = rank ?? ranked.Ranks[i],
                Tag = spec.Tag ?? "",
                CreationDate = now,
                Inputs = inputs[i],
                Outputs = spec.Outputs is { } given ? convertedOutputs.Get(given) : NoOutputs,
                BackendType = backendType,
                SubmittedFromContext = submittedFrom,
            };
        }

        var built = stopwatch.Elapsed;

        // Durable before visible: a batch the journal refuses leaves nothing registered.
        if (newPlan)
        {
            _store.Journal.SavePlan(plan);
        }

        _store.Journal.SaveTaskBatch(plan.Key, inOrder);
        var journaled = stopwatch.Elapsed;
        if (newPlan)
        {
            _store.Plans.Add(plan.Key, plan);
        }

        for (var position = 0; position < inOrder.Length; position++)
        {
            var entry = inOrder[position];
            _store.Tasks.Add(entry.Key, entry);
            lifecycle.Register(entry, parents[order[position]], parentOf);
        }

        _logger.LogTasksRegistered(plan.Key, count, (long)validated.TotalMilliseconds, (long)(rankedAt - validated).TotalMilliseconds,
            (long)(built - rankedAt).TotalMilliseconds, (long)(journaled - built).TotalMilliseconds, (long)(stopwatch.Elapsed - journaled).TotalMilliseconds);
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();

    private static readonly IReadOnlyDictionary<string, ComputeTaskOutput> NoOutputs = new Dictionary<string, ComputeTaskOutput>();

    private Function? FunctionOrNull(string key) => _store.Functions.GetValueOrDefault(key) ?? _store.RemoteFunctions.GetValueOrDefault(key);

    /// <summary>
    /// The task's own copy of its inputs: the caller's list may change after registration, and the checks, the journal and
    /// the scheduler then read a plain array (an interface per call site sees every list type callers use).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static InputRef[] InputsOf(ComputePlanTaskSpec spec)
    {
        if (spec.Inputs is not { Count: > 0 } given)
        {
            return [];
        }

        var copy = new InputRef[given.Count];
        if (given is ICollection<InputRef> collection)
        {
            collection.CopyTo(copy, 0);
        }
        else
        {
            for (var i = 0; i < copy.Length; i++)
            {
                copy[i] = given[i];
            }
        }

        return copy;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string[] ParentKeys(InputRef[] inputs)
    {
        // Index loops and one exact array: this runs for every task of a plan.
        var count = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i].ParentTaskKey is { Length: > 0 })
            {
                count++;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var keys = new string[count];
        var distinct = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i].ParentTaskKey is { Length: > 0 } parent && Array.IndexOf(keys, parent, 0, distinct) < 0)
            {
                keys[distinct++] = parent;
            }
        }

        return distinct == count ? keys : keys[..distinct];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static IReadOnlyDictionary<string, ComputeTaskOutput> Outputs(IReadOnlyDictionary<string, ComputeTaskOutputSpec> outputs)
    {
        if (outputs.Count == 0)
        {
            return new Dictionary<string, ComputeTaskOutput>();
        }

        var result = new Dictionary<string, ComputeTaskOutput>(outputs.Count, StringComparer.Ordinal);
        foreach (var (identifier, output) in outputs)
        {
            result[identifier] = new ComputeTaskOutput { Permissions = PermissionRules.AsGiven(output.Permissions), IsTransient = output.IsTransient };
        }

        return result;
    }
}
