using System.Globalization;
using Substra.Sdk.Schemas;
using Substra.Tools.Plans;

namespace Substra.Sdk.Plans;

/// <summary>
/// A task of a plan being built, typed by its function's generated handle: inputs and outputs are chosen through the
/// handle's slots, so a performance cannot feed a model input and a single input cannot take a list of parents.
/// </summary>
/// <typeparam name="THandle">The generated handle type, e.g. <c>MyFunctions.Handles.TrainHandle</c>.</typeparam>
public sealed class PlanTask<THandle> : PlanTask
    where THandle : FunctionHandle
{
    internal PlanTask(ComputePlanBuilder plan, THandle function, string worker, string taskId)
        : base(plan, function, worker, taskId)
    {
        Function = function;
    }

    /// <summary>The handle of the function the task runs; its slots wire inputs and outputs.</summary>
    public THandle Function { get; }

    /// <summary>Binds the dataset and the data samples the function reads.</summary>
    public PlanTask<THandle> WithData(string datasetKey, IEnumerable<string> sampleKeys)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetKey);
        ArgumentNullException.ThrowIfNull(sampleKeys);
        if (!Function.UsesData)
        {
            throw new InvalidOperationException(
                $"The function '{Function.Name}' of {this} takes no data (no [DataSamples] parameter): do not bind a dataset to it.");
        }

        if (Data is not null)
        {
            throw new InvalidOperationException($"{this} already reads dataset '{Data.DatasetKey}': bind data once per task.");
        }

        string[] keys = sampleKeys.ToArray();
        if (keys.Length == 0 || keys.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"{this} needs at least one data-sample key, and no empty key.", nameof(sampleKeys));
        }

        Data = new TaskData(datasetKey, keys);
        return this;
    }

    /// <summary>Feeds a single model input from a parent's model output.</summary>
    public PlanTask<THandle> WithInput(Func<THandle, ModelInputSlot> input, TaskOutput source)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(source);
        AddInput(input(Function), source, null);
        return this;
    }

    /// <summary>Feeds a multiple model input from several parents' model outputs, in order.</summary>
    public PlanTask<THandle> WithInput(Func<THandle, MultipleModelInputSlot> input, IEnumerable<TaskOutput> sources)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sources);
        MultipleModelInputSlot slot = input(Function);
        foreach (TaskOutput source in sources)
        {
            ArgumentNullException.ThrowIfNull(source, nameof(sources));
            AddInput(slot, source, null);
        }

        return this;
    }

    /// <summary>Feeds a multiple model input from several parents' model outputs, in order.</summary>
    public PlanTask<THandle> WithInput(Func<THandle, MultipleModelInputSlot> input, params TaskOutput[] sources)
        => WithInput(input, (IEnumerable<TaskOutput>)sources);

    /// <summary>Feeds a single model input with a model that already exists on the platform.</summary>
    public PlanTask<THandle> WithModel(Func<THandle, ModelInputSlot> input, string modelKey)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelKey);
        AddInput(input(Function), null, modelKey);
        return this;
    }

    /// <summary>A model output of this task, to connect to an input of a later task.</summary>
    public TaskOutput Output(Func<THandle, ModelOutputSlot> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ModelOutputSlot slot = output(Function);
        CheckOutput(slot);
        return new TaskOutput(TaskId, slot.Identifier, this);
    }

    /// <summary>Who may process the output (default: the builder's default permissions); performance outputs must stay public.</summary>
    public PlanTask<THandle> WithOutputPermissions(Func<THandle, OutputSlot> output, Permissions permissions, bool transient = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(permissions);
        SetOutput(output(Function), new ComputeTaskOutputSpec { Permissions = permissions, IsTransient = transient });
        return this;
    }

    /// <summary>Adds (or replaces) one metadata entry of the task.</summary>
    public PlanTask<THandle> WithMetadata(string key, string value)
    {
        SetMetadata(key, value);
        return this;
    }

    /// <summary>Sets the <c>round_idx</c> metadata that performances are reported by.</summary>
    public PlanTask<THandle> WithRoundIndex(int round)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        SetMetadata(ComputePlanBuilder.RoundIndexKey, round.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>Sets the task's tag.</summary>
    public PlanTask<THandle> WithTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        Tag = tag;
        return this;
    }
}
