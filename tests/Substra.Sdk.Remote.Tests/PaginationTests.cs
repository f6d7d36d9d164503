using Substra.Sdk.Filters;
using Substra.Sdk.Remote.Tests.Infrastructure;

namespace Substra.Sdk.Remote.Tests;

/// <summary>Lists follow <c>next</c> over several pages, lazily when enumerated.</summary>
public sealed class PaginationTests : PlatformTest
{
    [Fact]
    public async Task A_list_over_three_pages_follows_next_and_returns_every_item_in_order()
    {
        var keys = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            keys.Add(await Backend.AddFunctionAsync(Assets.Function(Temp, $"f{i}"), None));
        }
        Platform.PageSize = 2;
        Platform.ClearRequests();

        var functions = await Backend.ListFunctionsAsync(new ListQuery(new ListFilters { Name = "f" }), None);

        Assert.Equal(keys, functions.Select(f => f.Key));
        var gets = Platform.RequestsTo("GET", "/function/");
        Assert.Equal(3, gets.Count);
        Assert.Equal(["", "2", "3"], gets.Select(g => g.Query.TryGetValue("page", out var page) ? page[0] : ""));
        Assert.All(gets, g => Assert.Equal(["f"], g.Query["match"]));
    }

    [Fact]
    public async Task Enumerating_fetches_a_page_only_when_it_is_needed()
    {
        for (var i = 0; i < 5; i++)
        {
            await Backend.AddFunctionAsync(Assets.Function(Temp, $"f{i}"), None);
        }
        Platform.PageSize = 2;
        Platform.ClearRequests();

        var taken = new List<string>();
        await foreach (var function in Backend.EnumerateFunctionsAsync(ListQuery.All, None))
        {
            taken.Add(function.Name);
            if (taken.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(["f0", "f1"], taken);
        Assert.Single(Platform.RequestsTo("GET", "/function/"));
    }

    [Fact]
    public async Task A_gateway_error_on_a_later_page_is_retried()
    {
        for (var i = 0; i < 3; i++)
        {
            await Backend.AddFunctionAsync(Assets.Function(Temp, $"f{i}"), None);
        }
        Platform.PageSize = 2;
        Platform.ClearRequests();
        var first = Backend.EnumerateFunctionsAsync(ListQuery.All, None).GetAsyncEnumerator();
        await first.MoveNextAsync();
        Platform.InjectFault("GET", "/function/", 503, times: 1);

        var rest = new List<string>();
        while (await first.MoveNextAsync())
        {
            rest.Add(first.Current.Name);
        }
        await first.DisposeAsync();

        Assert.Equal(["f1", "f2"], rest);
        Assert.Equal(3, Platform.RequestsTo("GET", "/function/").Count);
    }
}
