using System.Text;
using Microsoft.Extensions.Logging;
using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Models;

namespace Substra.Sdk.Failures;

/// <summary>
/// The exception a wait raises when its asset failed or was canceled, with a message that explains it: which task failed,
/// its function, worker and error type, and the end of its log. Reading those details never fails the failure: what
/// cannot be read (logs not permitted, platform unreachable) is said in the message instead, and the reads are bounded in time.
/// </summary>
internal sealed class FailureReports(IBackend backend, ILogger logger)
{
    private static readonly TimeSpan DetailsBudget = TimeSpan.FromSeconds(10);

    public async Task<FutureFailureException> PlanAsync(ComputePlan plan, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrEmpty(plan.Name) ? "" : $" ('{plan.Name}')";
        if (plan.Status == ComputePlanStatus.Canceled)
        {
            return new FutureFailureException(
                $"Compute plan {plan.Key}{name} was canceled: {plan.DoneCount} of {plan.TaskCount} tasks done, {plan.CanceledCount} canceled.", plan);
        }

        using var budget = Budget(cancellationToken);
        ComputeTask? task = null;
        string? unreadable = null;
        try
        {
            task = await FailedTaskOfAsync(plan, budget.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            unreadable = Reason(e);
        }

        if (task is null)
        {
            var why = unreadable is null ? "the platform names no failed task" : $"the failed task could not be read ({unreadable})";
            return new FutureFailureException(
                $"Compute plan {plan.Key}{name} failed ({plan.FailedCount} of {plan.TaskCount} tasks failed); {why}.", plan);
        }

        var (tail, note) = await LogTailAsync(task, budget.Token).ConfigureAwait(false);
        var message = new StringBuilder($"Compute plan {plan.Key}{name} failed: task {task.Key}{Describe(task)} failed with {ErrorType(task)}.");
        AppendLog(message, task, tail, note);
        return new FutureFailureException(message.ToString(), plan) { FailedTask = task, LogTail = tail };
    }

    public async Task<FutureFailureException> TaskAsync(ComputeTask task, CancellationToken cancellationToken)
    {
        var where = Describe(task, $", compute plan {task.ComputePlanKey}");
        if (task.Status == ComputeTaskStatus.Canceled)
        {
            return new FutureFailureException($"Task {task.Key}{where} was canceled.", task) { FailedTask = task };
        }

        using var budget = Budget(cancellationToken);
        var (tail, note) = await LogTailAsync(task, budget.Token).ConfigureAwait(false);
        var message = new StringBuilder($"Task {task.Key}{where} failed with {ErrorType(task)}.");
        AppendLog(message, task, tail, note);
        return new FutureFailureException(message.ToString(), task) { FailedTask = task, LogTail = tail };
    }

    public static FutureFailureException Function(Function function) =>
        new($"Function {function.Key} ('{function.Name}') {(function.Status == FunctionStatus.Canceled ? "was canceled" : "failed")}.", function);

    private static CancellationTokenSource Budget(CancellationToken cancellationToken)
    {
        var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(DetailsBudget);
        return budget;
    }

    // The plan names its failed task; a platform that does not is asked for the plan's failed tasks.
    private async Task<ComputeTask?> FailedTaskOfAsync(ComputePlan plan, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(plan.FailedTaskKey))
        {
            return await backend.GetTaskAsync(plan.FailedTaskKey, cancellationToken).ConfigureAwait(false);
        }

        var failed = new ListQuery(
            new ListFilters
            {
                Values = new Dictionary<string, IReadOnlyList<string>>
                {
                    ["compute_plan_key"] = [plan.Key],
                    ["status"] = [ComputeTaskStatus.Failed.ToWireName()],
                },
            },
            OrderingField.EndDate,
            Ascending: true);
        var tasks = await backend.ListTasksAsync(failed, cancellationToken).ConfigureAwait(false);
        return tasks.FirstOrDefault(task => task.Status == ComputeTaskStatus.Failed);
    }

    private async Task<(string? Tail, string? Note)> LogTailAsync(ComputeTask task, CancellationToken cancellationToken)
    {
        try
        {
            var text = backend is ILogTailBackend tails
                ? await tails.GetLogTailAsync(task.Key, LogTail.MaxBytes, cancellationToken).ConfigureAwait(false)
                : await backend.GetLogsAsync(task.Key, cancellationToken).ConfigureAwait(false);
            var tail = LogTail.LastLines(text);
            return (tail, tail is null ? "its log is empty" : null);
        }
        catch (Exception e)
        {
            logger.LogDebug("The log of the failed task {TaskKey} could not be read: {Error}", task.Key, e.Message);
            return (null, $"its log could not be read ({Reason(e)})");
        }
    }

    private static void AppendLog(StringBuilder message, ComputeTask task, string? tail, string? note)
    {
        if (tail is not null)
        {
            message.Append("\nLast lines of its log:");
            foreach (var line in tail.Split('\n'))
            {
                message.Append("\n    ").Append(line);
            }
        }
        else
        {
            message.Append(' ').Append(char.ToUpperInvariant(note![0])).Append(note.AsSpan(1)).Append('.');
        }

        message.Append($"\nThe whole log: GetLogsAsync(\"{task.Key}\"); the asset waited for is this exception's Asset, the failed task its FailedTask.");
    }

    private static string Describe(ComputeTask task, string more = "") =>
        $" (function '{task.Function?.Name}' {task.Function?.Key}, worker {task.Worker}{more})";

    private static string ErrorType(ComputeTask task) => task.ErrorType?.ToWireName() ?? "no error type";

    private static string Reason(Exception e) =>
        e is OperationCanceledException ? "no answer in time" : $"{e.GetType().Name}: {FirstLine(e.Message)}";

    private static string FirstLine(string text) => text.Split('\n', 2)[0];
}
