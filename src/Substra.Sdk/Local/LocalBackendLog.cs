using Microsoft.Extensions.Logging;

namespace Substra.Sdk.Local;

/// <summary>The local backend's log messages (source-generated, so disabled levels cost nothing).</summary>
internal static partial class LocalBackendLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Function {Name} registered as {Key}.")]
    public static partial void LogFunctionRegistered(this ILogger logger, string name, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data sample already in dataset: {DataSampleKey} in {DatasetKey}.")]
    public static partial void LogDataSampleAlreadyLinked(this ILogger logger, string dataSampleKey, string datasetKey);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Compute plan {ComputePlanKey}: {Count} tasks registered (validated in {ValidateMs} ms, ranked in {RankMs} ms, built in {BuildMs} ms, journaled in {JournalMs} ms, indexed in {StoreMs} ms).")]
    public static partial void LogTasksRegistered(
        this ILogger logger, string computePlanKey, int count, long validateMs, long rankMs, long buildMs, long journalMs, long storeMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Compute plan {ComputePlanKey} canceled.")]
    public static partial void LogPlanCanceled(this ILogger logger, string computePlanKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hybrid mode: listing from the remote platform failed, only local assets are returned: {Message}")]
    public static partial void LogRemoteListFailed(this ILogger logger, string message);
}
