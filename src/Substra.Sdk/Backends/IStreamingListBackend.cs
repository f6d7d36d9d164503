using Substra.Sdk.Filters;
using Substra.Sdk.Models;

namespace Substra.Sdk.Backends;

/// <summary>
/// A backend whose lists come in pages (the remote one): each page is fetched only when the previous one has been
/// consumed. The client's <c>Enumerate…Async</c> methods use it; other backends give their whole list.
/// </summary>
internal interface IStreamingListBackend
{
    IAsyncEnumerable<Function> EnumerateFunctionsAsync(ListQuery query, CancellationToken cancellationToken);

    IAsyncEnumerable<Dataset> EnumerateDatasetsAsync(ListQuery query, CancellationToken cancellationToken);

    IAsyncEnumerable<DataSample> EnumerateDataSamplesAsync(ListQuery query, CancellationToken cancellationToken);

    IAsyncEnumerable<ComputeTask> EnumerateTasksAsync(ListQuery query, CancellationToken cancellationToken);

    IAsyncEnumerable<ComputePlan> EnumerateComputePlansAsync(ListQuery query, CancellationToken cancellationToken);

    IAsyncEnumerable<OutModel> EnumerateModelsAsync(ListQuery query, CancellationToken cancellationToken);
}
