using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>
/// Ranks and registration of plan DAGs. Every plan here hangs below a "gate" task of another plan that sleeps until the
/// test cancels it, so tasks are registered and ranked for real but never run (and end CANCELED).
/// </summary>
public sealed class DagTests : IAsyncLifetime
{
    private static readonly (string Id, string[] Parents)[] Diamond =
    [
        ("0", []), ("1", []), ("2", ["0", "1"]), ("3", ["2"]), ("4", ["2"]), ("5", ["3", "4"]),
    ];

    private readonly LocalNetwork _network = new(organizations: 1, maxParallelTasks: 1);
    private string _org = "";
    private string _node = "";
    private string _gatePlan = "";
    private string _gate = "";

    public async Task InitializeAsync()
    {
        _org = await _network.OrganizationIdAsync(0);
        _node = await _network.AddFunctionAsync(0, "aggregate", [Input("models", AssetKind.Model, multiple: true, optional: true)], [Output("model", AssetKind.Model)]);
        var sleep = await _network.AddFunctionAsync(0, "sleep_forever", [], [Output("model", AssetKind.Model)]);
        _gate = Guid.NewGuid().ToString();
        _gate = await _network[0].AddTaskAsync(new TaskSpec { Key = _gate, FunctionKey = sleep, Worker = _org, Outputs = Outputs() }, None);
        _gatePlan = (await _network[0].GetTaskAsync(_gate, None)).ComputePlanKey;
    }

    public async Task DisposeAsync()
    {
        await _network[0].CancelComputePlanAsync(_gatePlan, None);
        await _network.DisposeAsync();
    }

    [Fact]
    public async Task Diamond_ranks_are_the_same_under_every_order_of_its_tasks()
    {
        var orders = Permutations(Enumerable.Range(0, Diamond.Length).ToArray()).ToList();
        Assert.Equal(720, orders.Count);
        foreach (var order in orders)
        {
            var keys = Diamond.ToDictionary(node => node.Id, _ => Guid.NewGuid().ToString());
            var tasks = order.Select(index => Node(keys[Diamond[index].Id], Diamond[index].Parents.Select(parent => keys[parent]).ToArray())).ToList();

            var plan = await _network[0].AddComputePlanAsync(new ComputePlanSpec { Name = "diamond", Tasks = tasks }, BatchingOptions.Default, None);

            Assert.Equal(6, plan.TaskCount);
            Assert.Equal(6, plan.WaitingParentTasksCount);
            foreach (var (id, expected) in new[] { ("0", 0), ("1", 0), ("2", 1), ("3", 2), ("4", 2), ("5", 3) })
            {
                Assert.Equal(expected, (await _network[0].GetTaskAsync(keys[id], None)).Rank);
            }
        }
    }

    [Fact]
    public async Task Duplicate_task_ids_are_rejected()
    {
        var key = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network[0].AddComputePlanAsync(new ComputePlanSpec { Name = "dup", Tasks = [Node(key), Node(key)] }, BatchingOptions.Default, None));

        Assert.Equal($"Two tasks cannot have the same id. Duplicate task_id: '{key}'.", error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public async Task Cycles_are_rejected()
    {
        string a = Guid.NewGuid().ToString(), b = Guid.NewGuid().ToString(), c = Guid.NewGuid().ToString();

        var closed = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network[0].AddComputePlanAsync(new ComputePlanSpec { Name = "closed", Tasks = [NodeFrom(a, b), NodeFrom(b, a)] }, BatchingOptions.Default, None));
        var open = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network[0].AddComputePlanAsync(new ComputePlanSpec { Name = "open", Tasks = [Node(c), NodeFrom(a, b, c), NodeFrom(b, a)] }, BatchingOptions.Default, None));

        Assert.Equal("missing dependency among inModels IDs, circular dependency found", closed.Message);
        Assert.StartsWith("missing dependency among inModels IDs, circular dependency between ", open.Message);
        Assert.Contains(a, open.Message);
        Assert.Contains(b, open.Message);
    }

    [Fact]
    public async Task Unknown_parents_are_rejected_naming_them()
    {
        var child = Guid.NewGuid().ToString();
        var missing = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _network[0].AddComputePlanAsync(new ComputePlanSpec { Name = "orphan", Tasks = [NodeFrom(child, missing)] }, BatchingOptions.Default, None));

        Assert.Contains($"'{child}' depends on '{missing}'", error.Message);
    }

    [Fact]
    public async Task Parents_registered_earlier_in_the_plan_or_elsewhere_are_valid()
    {
        string first = Guid.NewGuid().ToString(), second = Guid.NewGuid().ToString(), third = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec { Name = "growing", Tasks = [Node(first), Node(second, first)] };
        await _network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);

        var plan = await _network[0].AddComputePlanTasksAsync(
            new UpdateComputePlanTasksSpec { Key = spec.Key, Tasks = [Node(third, second)] }, BatchingOptions.Default, None);

        Assert.Equal(3, plan.TaskCount);
        Assert.Equal(2, (await _network[0].GetTaskAsync(third, None)).Rank);

        // A parent in another plan gates execution but does not count for the rank.
        var other = Guid.NewGuid().ToString();
        await _network[0].AddComputePlanAsync(new ComputePlanSpec { Name = "other", Tasks = [Node(other, third)] }, BatchingOptions.Default, None);
        var otherTask = await _network[0].GetTaskAsync(other, None);
        Assert.Equal(0, otherTask.Rank);
        Assert.Equal(ComputeTaskStatus.WaitingForParentTasks, otherTask.Status);
    }

    [Fact]
    public async Task Add_task_honours_the_task_key_and_plan_key()
    {
        var spec = new ComputePlanSpec { Name = "by hand" };
        await _network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);
        var parent = Guid.NewGuid().ToString();
        var child = Guid.NewGuid().ToString();

        Assert.Equal(parent, await _network[0].AddTaskAsync(Standalone(parent, spec.Key, _gate), None));
        Assert.Equal(child, await _network[0].AddTaskAsync(Standalone(child, spec.Key, parent), None));

        var task = await _network[0].GetTaskAsync(child, None);
        Assert.Equal(spec.Key, task.ComputePlanKey);
        Assert.Equal(1, task.Rank);
        Assert.Equal(_org, task.Owner);
        var plan = await _network[0].GetComputePlanAsync(spec.Key, None);
        Assert.Equal(2, plan.TaskCount);
        Assert.Equal(ComputePlanStatus.Created, plan.Status);

        var duplicate = await Assert.ThrowsAsync<KeyAlreadyExistsException>(() => _network[0].AddTaskAsync(Standalone(child, spec.Key, parent), None));
        Assert.Equal($"The asset key {child} of type task has already been used.", duplicate.Message);
    }

    [Fact]
    public async Task An_empty_plan_is_created_and_takes_tasks_later()
    {
        var spec = new ComputePlanSpec { Name = "empty", Tag = "t" };

        var plan = await _network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);

        Assert.Equal(ComputePlanStatus.Created, plan.Status);
        Assert.Equal(0, plan.TaskCount);
        Assert.Equal("t", plan.Tag);
        Assert.Equal(_org, plan.Owner);
        var updated = await _network[0].AddComputePlanTasksAsync(
            new UpdateComputePlanTasksSpec { Key = spec.Key, Tasks = [Node(Guid.NewGuid().ToString())] }, BatchingOptions.Default, None);
        Assert.Equal(1, updated.TaskCount);
        Assert.Equal(1, updated.WaitingParentTasksCount);
    }

    [Fact]
    public async Task A_registered_task_keeps_its_inputs_when_the_caller_changes_its_list_afterwards()
    {
        string first = Guid.NewGuid().ToString(), second = Guid.NewGuid().ToString();
        var inputs = new List<InputRef> { InputRef.FromParentTask("models", first, "model") };
        var spec = new ComputePlanSpec
        {
            Name = "caller keeps its list",
            Tasks = [Node(first), new ComputePlanTaskSpec { TaskId = second, FunctionKey = _node, Worker = _org, Inputs = inputs, Outputs = Outputs() }],
        };
        await _network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);

        inputs[0] = InputRef.FromParentTask("models", _gate, "model");
        inputs.Add(InputRef.FromParentTask("models", first, "model"));

        var registered = await _network[0].GetTaskAsync(second, None);
        Assert.Equal(first, Assert.Single(registered.Inputs).ParentTaskKey);
        Assert.Equal(1, registered.Rank);
    }

    /// <summary>A task of the node function; without parents it hangs below the gate.</summary>
    private ComputePlanTaskSpec Node(string key, params string[] parents) => NodeFrom(key, parents.Length == 0 ? [_gate] : parents);

    private ComputePlanTaskSpec NodeFrom(string key, params string[] parents) => new()
    {
        TaskId = key,
        FunctionKey = _node,
        Worker = _org,
        Inputs = parents.Select(parent => InputRef.FromParentTask("models", parent, "model")).ToList(),
        Outputs = Outputs(),
    };

    private TaskSpec Standalone(string key, string planKey, string parent) => new()
    {
        Key = key,
        ComputePlanKey = planKey,
        FunctionKey = _node,
        Worker = _org,
        Inputs = [InputRef.FromParentTask("models", parent, "model")],
        Outputs = Outputs(),
    };

    private static Dictionary<string, ComputeTaskOutputSpec> Outputs() => new() { ["model"] = PublicOutput };

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, index) => index != i).ToArray();
            foreach (var permutation in Permutations(rest))
            {
                yield return [items[i], .. permutation];
            }
        }
    }
}
