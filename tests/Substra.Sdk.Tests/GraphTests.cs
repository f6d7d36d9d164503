using Substra.Sdk.Exceptions;
using Substra.Sdk.Graph;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Tests;

public sealed class GraphTests
{
    private static readonly Dictionary<string, string[]> Diamond = new()
    {
        ["0"] = [],
        ["1"] = [],
        ["2"] = ["0", "1"],
        ["3"] = ["2"],
        ["4"] = ["2"],
        ["5"] = ["3", "4"],
    };

    [Fact]
    public void The_diamond_has_the_same_ranks_under_all_720_vertex_orders()
    {
        var expected = new Dictionary<string, int> { ["0"] = 0, ["1"] = 0, ["2"] = 1, ["3"] = 2, ["4"] = 2, ["5"] = 3 };
        var orders = Permutations(Diamond.Keys.ToArray()).ToList();

        Assert.Equal(720, orders.Count);
        foreach (var order in orders)
        {
            var graph = order.ToDictionary(node => node, node => (IReadOnlyList<string>)Diamond[node]);

            var ranks = ComputePlanGraph.ComputeRanks(graph);

            Assert.Equal(expected, ranks.OrderBy(pair => pair.Key).ToDictionary());
        }
    }

    [Fact]
    public void A_chain_is_ranked_by_depth()
    {
        var graph = Graph(("a", []), ("b", ["a"]), ("c", ["b"]), ("d", ["c"]));

        Assert.Equal([0, 1, 2, 3], ComputePlanGraph.ComputeRanks(graph).Values);
    }

    [Fact]
    public void A_complete_dag_uses_the_longest_path()
    {
        var graph = Graph(("a", []), ("b", ["a"]), ("c", ["a", "b"]), ("d", ["a", "b", "c"]));

        var ranks = ComputePlanGraph.ComputeRanks(graph);

        Assert.Equal(3, ranks["d"]);
        Assert.Equal(2, ranks["c"]);
    }

    [Fact]
    public void Unconnected_nodes_are_rank_zero_in_graph_order()
    {
        var graph = Graph(("z", []), ("y", []), ("x", []));

        var ranks = ComputePlanGraph.ComputeRanks(graph);

        Assert.Equal(["z", "y", "x"], ranks.Keys);
        Assert.All(ranks.Values, rank => Assert.Equal(0, rank));
    }

    [Fact]
    public void A_closed_cycle_is_reported_as_found()
    {
        var graph = Graph(("a", ["b"]), ("b", ["a"]));

        var error = Assert.Throws<InvalidRequestException>(() => ComputePlanGraph.ComputeRanks(graph));

        Assert.Equal("missing dependency among inModels IDs, circular dependency found", error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void An_open_cycle_names_its_nodes_as_the_reference()
    {
        var graph = Graph(("0", []), ("1", ["0", "2"]), ("2", ["1"]));

        var error = Assert.Throws<InvalidRequestException>(() => ComputePlanGraph.ComputeRanks(graph));

        Assert.Equal("missing dependency among inModels IDs, circular dependency between 2 and 1", error.Message);
    }

    [Fact]
    public void A_longer_cycle_and_a_cycle_out_of_reach_of_the_roots_are_reported()
    {
        var longer = Graph(("root", []), ("a", ["root", "c"]), ("b", ["a"]), ("c", ["b"]));
        var unreachable = Graph(("root", []), ("a", ["b"]), ("b", ["a"]));

        var longerError = Assert.Throws<InvalidRequestException>(() => ComputePlanGraph.ComputeRanks(longer));
        var unreachableError = Assert.Throws<InvalidRequestException>(() => ComputePlanGraph.ComputeRanks(unreachable));

        Assert.StartsWith("missing dependency among inModels IDs, circular dependency between", longerError.Message);
        Assert.StartsWith("missing dependency among inModels IDs, circular dependency between", unreachableError.Message);
    }

    [Fact]
    public void A_self_dependency_is_a_cycle()
    {
        var graph = Graph(("root", []), ("a", ["root", "a"]));

        var error = Assert.Throws<InvalidRequestException>(() => ComputePlanGraph.ComputeRanks(graph));

        Assert.Equal("missing dependency among inModels IDs, circular dependency between a and a", error.Message);
    }

    [Fact]
    public void Ignored_nodes_do_not_count_as_dependencies()
    {
        var graph = Graph(("b", ["a"]), ("c", ["b", "a"]));

        var ranks = ComputePlanGraph.ComputeRanks(graph, new HashSet<string> { "a" });

        Assert.Equal(0, ranks["b"]);
        Assert.Equal(1, ranks["c"]);
    }

    [Fact]
    public void A_node_cannot_be_both_in_the_graph_and_ignored()
    {
        var graph = Graph(("a", []));

        Assert.Throws<ArgumentException>(() => ComputePlanGraph.ComputeRanks(graph, new HashSet<string> { "a" }));
    }

    [Fact]
    public void Known_ranks_of_existing_tasks_raise_their_children()
    {
        var graph = Graph(("new", ["existing"]), ("newer", ["new"]));

        var ranks = ComputePlanGraph.ComputeRanks(graph, knownRanks: new Dictionary<string, int> { ["existing"] = 4 });

        Assert.Equal(5, ranks["new"]);
        Assert.Equal(6, ranks["newer"]);
    }

    [Fact]
    public void An_unknown_dependency_is_an_error_unless_ignored()
    {
        var graph = Graph(("a", []), ("b", ["ghost"]));

        var error = Assert.Throws<InvalidRequestException>(() => ComputePlanGraph.ComputeRanks(graph));
        var ranks = ComputePlanGraph.ComputeRanks(graph, ignoreUnknownDependencies: true);

        Assert.Contains("'ghost'", error.Message);
        Assert.Equal(0, ranks["b"]);
    }

    [Fact]
    public void Duplicate_task_ids_are_refused()
    {
        var task = new ComputePlanTaskSpec { TaskId = "t", FunctionKey = "f", Worker = "w" };

        var error = Assert.Throws<InvalidRequestException>(() => ComputePlanGraph.GetDependencyGraph("cp", [task, task]));

        Assert.StartsWith("Two tasks cannot have the same id.", error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void The_dependency_graph_lists_parents_and_task_specs()
    {
        var train = new ComputePlanTaskSpec { TaskId = "train", FunctionKey = "f", Worker = "w", Inputs = [InputRef.FromAsset("opener", "d")] };
        var test = new ComputePlanTaskSpec
        {
            TaskId = "test", FunctionKey = "f", Worker = "w", Inputs = [InputRef.FromParentTask("model", "train", "model")],
        };

        var graph = ComputePlanGraph.GetDependencyGraph("cp", [train, test]);

        Assert.Empty(graph.Dependencies["train"]);
        Assert.Equal(["train"], graph.Dependencies["test"]);
        Assert.Equal("cp", graph.Tasks["test"].ComputePlanKey);
        Assert.Null(graph.Tasks["test"].Rank);
    }

    [Fact]
    public void Ordering_by_rank_is_stable()
    {
        var graph = Graph(("a", []), ("b", ["a"]), ("c", []), ("d", ["c"]));

        Assert.Equal(["a", "c", "b", "d"], ComputePlanGraph.OrderByRank(ComputePlanGraph.ComputeRanks(graph)));
    }

    [Fact]
    public void A_plan_of_100000_tasks_is_ranked_in_one_pass()
    {
        // Layers of 1,000 tasks, each depending on two tasks of the layer above: 100,000 nodes and ~200,000 edges.
        const int width = 1000;
        const int depth = 100;
        var graph = new Dictionary<string, IReadOnlyList<string>>(width * depth);
        for (var layer = 0; layer < depth; layer++)
        {
            for (var column = 0; column < width; column++)
            {
                graph[$"t{layer}-{column}"] = layer == 0
                    ? []
                    : [$"t{layer - 1}-{column}", $"t{layer - 1}-{(column + 1) % width}"];
            }
        }

        var ranks = ComputePlanGraph.ComputeRanks(graph);

        Assert.Equal(width * depth, ranks.Count);
        Assert.Equal(depth - 1, ranks[$"t{depth - 1}-{width - 1}"]);
    }

    private static Dictionary<string, IReadOnlyList<string>> Graph(params (string Node, string[] Dependencies)[] nodes)
        => nodes.ToDictionary(node => node.Node, node => (IReadOnlyList<string>)node.Dependencies);

    private static IEnumerable<string[]> Permutations(string[] items)
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
