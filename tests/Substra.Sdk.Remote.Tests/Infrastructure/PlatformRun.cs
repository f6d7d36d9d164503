using System.Text.Json.Nodes;
using Substra.Sdk.Backends;
using Substra.Sdk.Remote.Tests.Platform;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Remote.Tests.Infrastructure;

/// <summary>
/// A plan registered on the fake platform whose tasks the test moves from status to status, keeping the plan's
/// counters and status consistent as the platform does. Assets are replaced, never mutated, while requests read them.
/// </summary>
internal sealed class PlatformRun(FakePlatform platform, string planKey, IReadOnlyList<string> taskKeys)
{
    private static readonly string[] Counted =
    [
        "STATUS_WAITING_FOR_BUILDER_SLOT", "STATUS_BUILDING", "STATUS_WAITING_FOR_PARENT_TASKS", "STATUS_WAITING_FOR_EXECUTOR_SLOT",
        "STATUS_EXECUTING", "STATUS_CANCELED", "STATUS_FAILED", "STATUS_DONE",
    ];

    public string PlanKey { get; } = planKey;

    public IReadOnlyList<string> TaskKeys { get; } = taskKeys;

    /// <summary>Registers a function and a plan of <paramref name="tasks"/> independent tasks through <paramref name="backend"/>.</summary>
    public static async Task<PlatformRun> CreateAsync(FakePlatform platform, RemoteBackend backend, TempDirectory temp, int tasks, string functionName = "train")
    {
        var function = await backend.AddFunctionAsync(Assets.Function(temp, functionName), CancellationToken.None);
        var keys = Enumerable.Range(0, tasks).Select(_ => Guid.NewGuid().ToString()).ToList();
        var spec = new ComputePlanSpec { Name = "progress", Tasks = keys.Select(key => Assets.PlanTask(key, function)).ToList() };
        await backend.AddComputePlanAsync(spec, BatchingOptions.Default, CancellationToken.None);
        var run = new PlatformRun(platform, spec.Key, keys);
        run.Recount();
        return run;
    }

    /// <summary>Sets a task's status (and error type), then the plan's counters and status.</summary>
    public void Set(string taskKey, string status, string? errorType = null)
    {
        var task = platform.Store.Get("task", taskKey)!.DeepClone().AsObject();
        task["status"] = status;
        task["error_type"] = errorType;
        platform.Store.Put("task", task);
        Recount();
    }

    /// <summary>Changes the plan as the platform would (its failed task, for instance), counters kept.</summary>
    public void UpdatePlan(Action<JsonObject> change)
    {
        var plan = platform.Store.Get("compute_plan", PlanKey)!.DeepClone().AsObject();
        change(plan);
        platform.Store.Put("compute_plan", plan);
    }

    private void Recount()
    {
        var statuses = TaskKeys.Select(key => (string)platform.Store.Get("task", key)!["status"]!).ToList();
        UpdatePlan(plan =>
        {
            foreach (var status in Counted)
            {
                plan[status["STATUS_".Length..].ToLowerInvariant() + "_count"] = statuses.Count(s => s == status);
            }

            plan["task_count"] = statuses.Count;
            plan["status"] = statuses.All(s => s == "STATUS_DONE") ? "PLAN_STATUS_DONE"
                : statuses.Contains("STATUS_FAILED") ? "PLAN_STATUS_FAILED"
                : statuses.All(s => s is "STATUS_CANCELED" or "STATUS_DONE") ? "PLAN_STATUS_CANCELED"
                : statuses.Any(s => s is not "STATUS_WAITING_FOR_BUILDER_SLOT") ? "PLAN_STATUS_DOING"
                : "PLAN_STATUS_CREATED";
        });
    }
}
