using Substra.Tools.Plans;
using Substra.Tools.Schema;

namespace Substra.Sdk.Plans.Tests;

// Written the way the generator writes handles, so the builder is tested without depending on a generated project.
internal static class TestHandles
{
    private static readonly FunctionInputSchema Opener = new("opener", AssetKind.DataManager, false, false);
    private static readonly FunctionInputSchema Samples = new("datasamples", AssetKind.DataSample, true, false);

    public static TrainHandle Train { get; } = new();

    public static AggregateHandle Aggregate { get; } = new();

    public static EvaluateHandle Evaluate { get; } = new();

    public static RefineHandle Refine { get; } = new();

    public sealed record TrainHandle() : FunctionHandle(
        new FunctionSchema(
            "train",
            [Opener, Samples, new FunctionInputSchema("model", AssetKind.Model, false, true)],
            [new FunctionOutputSchema("model", AssetKind.Model, false)],
            null),
        true)
    {
        public TrainInputs Inputs { get; } = new();

        public TrainOutputs Outputs { get; } = new();

        public sealed class TrainInputs
        {
            public ModelInputSlot Model { get; } = new("model", Optional: true);
        }

        public sealed class TrainOutputs
        {
            public ModelOutputSlot Model { get; } = new("model");
        }
    }

    public sealed record AggregateHandle() : FunctionHandle(
        new FunctionSchema(
            "aggregate",
            [new FunctionInputSchema("models", AssetKind.Model, true, false)],
            [new FunctionOutputSchema("model", AssetKind.Model, false)],
            null),
        false)
    {
        public AggregateInputs Inputs { get; } = new();

        public AggregateOutputs Outputs { get; } = new();

        public sealed class AggregateInputs
        {
            public MultipleModelInputSlot Models { get; } = new("models");
        }

        public sealed class AggregateOutputs
        {
            public ModelOutputSlot Model { get; } = new("model");
        }
    }

    public sealed record EvaluateHandle() : FunctionHandle(
        new FunctionSchema(
            "evaluate",
            [Opener, Samples, new FunctionInputSchema("model", AssetKind.Model, false, false)],
            [new FunctionOutputSchema("performance", AssetKind.Performance, false)],
            null),
        true)
    {
        public EvaluateInputs Inputs { get; } = new();

        public EvaluateOutputs Outputs { get; } = new();

        public sealed class EvaluateInputs
        {
            public ModelInputSlot Model { get; } = new("model");
        }

        public sealed class EvaluateOutputs
        {
            public PerformanceOutputSlot Performance { get; } = new("performance");
        }
    }

    // A function with a required single input and no data: the required-input and first-round checks need one.
    public sealed record RefineHandle() : FunctionHandle(
        new FunctionSchema(
            "refine",
            [new FunctionInputSchema("model", AssetKind.Model, false, false)],
            [new FunctionOutputSchema("model", AssetKind.Model, false)],
            null),
        false)
    {
        public RefineInputs Inputs { get; } = new();

        public RefineOutputs Outputs { get; } = new();

        public sealed class RefineInputs
        {
            public ModelInputSlot Model { get; } = new("model");
        }

        public sealed class RefineOutputs
        {
            public ModelOutputSlot Model { get; } = new("model");
        }
    }
}
