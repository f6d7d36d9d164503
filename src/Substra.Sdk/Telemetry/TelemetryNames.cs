namespace Substra.Sdk.Telemetry;

/// <summary>Span, metric and attribute names, in the OpenTelemetry semantic-convention style (docs/telemetry.md).</summary>
internal static class TelemetryNames
{
    public const string TaskSpan = "substra.task";

    public const string TaskTransitionsMetric = "substra.task.transitions";
    public const string TaskDurationMetric = "substra.task.duration";

    public const string ClientMethod = "substra.client.method";
    public const string ClientName = "substra.client.name";
    public const string BackendType = "substra.backend.type";
    public const string AssetKey = "substra.asset.key";
    public const string ListedItems = "substra.list.items";

    public const string TaskKey = "substra.task.key";
    public const string TaskStatus = "substra.task.status";
    public const string TaskWorker = "substra.task.worker";
    public const string TaskRank = "substra.task.rank";
    public const string FunctionKey = "substra.function.key";
    public const string FunctionName = "substra.function.name";
    public const string ComputePlanKey = "substra.compute_plan.key";

    /// <summary>The semantic conventions' own attribute: the exception type of a call, the error type of a task.</summary>
    public const string ErrorType = "error.type";
}
