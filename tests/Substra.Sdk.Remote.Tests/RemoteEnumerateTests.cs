using Substra.Sdk.Filters;
using Substra.Sdk.Remote.Tests.Infrastructure;

namespace Substra.Sdk.Remote.Tests;

/// <summary>The client's IAsyncEnumerable listings follow the platform's pages lazily.</summary>
public sealed class RemoteEnumerateTests : PlatformTest
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    public async Task Taking_the_first_items_requests_only_the_pages_they_are_on(int taken, int pagesRequested)
    {
        for (var i = 0; i < 5; i++)
        {
            await Backend.AddFunctionAsync(Assets.Function(Temp, $"f{i}"), None);
        }

        Platform.PageSize = 2;
        await using var client = new SubstraClient(CreateBackend());
        Platform.ClearRequests();

        var names = new List<string>();
        await foreach (var function in client.EnumerateFunctionsAsync(new FunctionFilter { Name = "f" }, ascending: true))
        {
            names.Add(function.Name);
            if (names.Count == taken)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, taken).Select(i => $"f{i}"), names);
        var pages = Platform.RequestsTo("GET", "/function/");
        Assert.Equal(pagesRequested, pages.Count);
        Assert.All(pages, page => Assert.Equal(["f"], page.Query["match"]));
    }

    [Fact]
    public async Task The_reference_style_list_still_returns_every_item()
    {
        for (var i = 0; i < 5; i++)
        {
            await Backend.AddFunctionAsync(Assets.Function(Temp, $"f{i}"), None);
        }

        Platform.PageSize = 2;
        await using var client = new SubstraClient(CreateBackend());

        var functions = await client.ListFunctionAsync(ascending: true);

        Assert.Equal(5, functions.Count);
    }
}
