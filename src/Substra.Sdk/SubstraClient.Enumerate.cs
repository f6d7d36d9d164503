using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Substra.Sdk.Backends;
using Substra.Sdk.Filters;
using Substra.Sdk.Models;
using Substra.Sdk.Telemetry;

namespace Substra.Sdk;

// Lists as IAsyncEnumerable<T>: on a platform each page is requested only when the previous one has been consumed, so
// taking the first items of a long list costs one request; a local backend yields its whole list. Filters and ordering
// are validated when the method is called, as for the List…Async methods, which still return whole lists.
public sealed partial class SubstraClient
{
    /// <summary>Functions, page by page (the filters of <see cref="ListFunctionAsync(IDictionary{string, object?}?, bool, CancellationToken)"/>).</summary>
    /// <exception cref="Exceptions.FilterFormatException">A malformed filter, thrown by this call before any request.</exception>
    public IAsyncEnumerable<Function> EnumerateFunctionsAsync(
        IDictionary<string, object?>? filters = null, bool ascending = false, CancellationToken cancellationToken = default)
        => Enumerate(nameof(EnumerateFunctionsAsync), AssetType.Function, filters, null, ascending,
            static (streaming, query, token) => streaming.EnumerateFunctionsAsync(query, token), _backend.ListFunctionsAsync, cancellationToken);

    /// <inheritdoc cref="EnumerateFunctionsAsync(IDictionary{string, object?}?, bool, CancellationToken)"/>
    public IAsyncEnumerable<Function> EnumerateFunctionsAsync(FunctionFilter filter, bool ascending = false, CancellationToken cancellationToken = default)
        => EnumerateFunctionsAsync(NotNull(filter).ToDictionary(), ascending, cancellationToken);

    /// <summary>Datasets, page by page (the filters of <see cref="ListDatasetAsync(IDictionary{string, object?}?, bool, CancellationToken)"/>).</summary>
    /// <inheritdoc cref="EnumerateFunctionsAsync(IDictionary{string, object?}?, bool, CancellationToken)" path="/exception"/>
    public IAsyncEnumerable<Dataset> EnumerateDatasetsAsync(
        IDictionary<string, object?>? filters = null, bool ascending = false, CancellationToken cancellationToken = default)
        => Enumerate(nameof(EnumerateDatasetsAsync), AssetType.Dataset, filters, null, ascending,
            static (streaming, query, token) => streaming.EnumerateDatasetsAsync(query, token), _backend.ListDatasetsAsync, cancellationToken);

    /// <inheritdoc cref="EnumerateDatasetsAsync(IDictionary{string, object?}?, bool, CancellationToken)"/>
    public IAsyncEnumerable<Dataset> EnumerateDatasetsAsync(DatasetFilter filter, bool ascending = false, CancellationToken cancellationToken = default)
        => EnumerateDatasetsAsync(NotNull(filter).ToDictionary(), ascending, cancellationToken);

    /// <summary>Data samples, page by page (the filters of <see cref="ListDataSampleAsync(IDictionary{string, object?}?, bool, CancellationToken)"/>).</summary>
    /// <inheritdoc cref="EnumerateFunctionsAsync(IDictionary{string, object?}?, bool, CancellationToken)" path="/exception"/>
    public IAsyncEnumerable<DataSample> EnumerateDataSamplesAsync(
        IDictionary<string, object?>? filters = null, bool ascending = false, CancellationToken cancellationToken = default)
        => Enumerate(nameof(EnumerateDataSamplesAsync), AssetType.DataSample, filters, null, ascending,
            static (streaming, query, token) => streaming.EnumerateDataSamplesAsync(query, token), _backend.ListDataSamplesAsync, cancellationToken);

    /// <inheritdoc cref="EnumerateDataSamplesAsync(IDictionary{string, object?}?, bool, CancellationToken)"/>
    public IAsyncEnumerable<DataSample> EnumerateDataSamplesAsync(DataSampleFilter filter, bool ascending = false, CancellationToken cancellationToken = default)
        => EnumerateDataSamplesAsync(NotNull(filter).ToDictionary(), ascending, cancellationToken);

    /// <summary>Models, page by page (the filters of <see cref="ListModelAsync(IDictionary{string, object?}?, bool, CancellationToken)"/>).</summary>
    /// <inheritdoc cref="EnumerateFunctionsAsync(IDictionary{string, object?}?, bool, CancellationToken)" path="/exception"/>
    public IAsyncEnumerable<OutModel> EnumerateModelsAsync(
        IDictionary<string, object?>? filters = null, bool ascending = false, CancellationToken cancellationToken = default)
        => Enumerate(nameof(EnumerateModelsAsync), AssetType.Model, filters, null, ascending,
            static (streaming, query, token) => streaming.EnumerateModelsAsync(query, token), _backend.ListModelsAsync, cancellationToken);

    /// <inheritdoc cref="EnumerateModelsAsync(IDictionary{string, object?}?, bool, CancellationToken)"/>
    public IAsyncEnumerable<OutModel> EnumerateModelsAsync(ModelFilter filter, bool ascending = false, CancellationToken cancellationToken = default)
        => EnumerateModelsAsync(NotNull(filter).ToDictionary(), ascending, cancellationToken);

    /// <summary>
    /// Tasks, page by page (the filters and orderings of
    /// <see cref="ListTaskAsync(IDictionary{string, object?}?, string, bool, CancellationToken)"/>).
    /// </summary>
    /// <exception cref="Exceptions.FilterFormatException">A malformed filter, thrown by this call before any request.</exception>
    /// <exception cref="Exceptions.OrderingFormatException">An unknown ordering, thrown by this call before any request.</exception>
    public IAsyncEnumerable<ComputeTask> EnumerateTasksAsync(
        IDictionary<string, object?>? filters = null, string orderBy = "creation_date", bool ascending = false, CancellationToken cancellationToken = default)
        => Enumerate(nameof(EnumerateTasksAsync), AssetType.Task, filters, orderBy, ascending,
            static (streaming, query, token) => streaming.EnumerateTasksAsync(query, token), _backend.ListTasksAsync, cancellationToken);

    /// <inheritdoc cref="EnumerateTasksAsync(IDictionary{string, object?}?, string, bool, CancellationToken)"/>
    public IAsyncEnumerable<ComputeTask> EnumerateTasksAsync(
        TaskFilter filter, OrderingField orderBy = OrderingField.CreationDate, bool ascending = false, CancellationToken cancellationToken = default)
        => EnumerateTasksAsync(NotNull(filter).ToDictionary(), orderBy.ToWireName(), ascending, cancellationToken);

    /// <summary>
    /// Compute plans, page by page (the filters and orderings of
    /// <see cref="ListComputePlanAsync(IDictionary{string, object?}?, string, bool, CancellationToken)"/>).
    /// </summary>
    /// <inheritdoc cref="EnumerateTasksAsync(IDictionary{string, object?}?, string, bool, CancellationToken)" path="/exception"/>
    public IAsyncEnumerable<ComputePlan> EnumerateComputePlansAsync(
        IDictionary<string, object?>? filters = null, string orderBy = "creation_date", bool ascending = false, CancellationToken cancellationToken = default)
        => Enumerate(nameof(EnumerateComputePlansAsync), AssetType.ComputePlan, filters, orderBy, ascending,
            static (streaming, query, token) => streaming.EnumerateComputePlansAsync(query, token), _backend.ListComputePlansAsync, cancellationToken);

    /// <inheritdoc cref="EnumerateComputePlansAsync(IDictionary{string, object?}?, string, bool, CancellationToken)"/>
    public IAsyncEnumerable<ComputePlan> EnumerateComputePlansAsync(
        ComputePlanFilter filter, OrderingField orderBy = OrderingField.CreationDate, bool ascending = false, CancellationToken cancellationToken = default)
        => EnumerateComputePlansAsync(NotNull(filter).ToDictionary(), orderBy.ToWireName(), ascending, cancellationToken);

    private IAsyncEnumerable<T> Enumerate<T>(
        string method,
        AssetType assetType,
        IDictionary<string, object?>? filters,
        string? orderBy,
        bool ascending,
        Func<IStreamingListBackend, ListQuery, CancellationToken, IAsyncEnumerable<T>> stream,
        Func<ListQuery, CancellationToken, Task<IReadOnlyList<T>>> list,
        CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        // Checked at the call, before any request, as the List…Async methods do.
        var validated = FilterValidator.Validate(assetType, filters);
        var ordering = FilterValidator.ValidateOrdering(orderBy);
        var query = new ListQuery(validated, ordering, ascending);
        return EnumerateCoreAsync(method, query, stream, list, cancellationToken);
    }

    // One span for the whole enumeration, with the number of items taken; it ends when the caller stops enumerating.
    private async IAsyncEnumerable<T> EnumerateCoreAsync<T>(
        string method,
        ListQuery query,
        Func<IStreamingListBackend, ListQuery, CancellationToken, IAsyncEnumerable<T>> stream,
        Func<ListQuery, CancellationToken, Task<IReadOnlyList<T>>> list,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var span = ClientCallSpans.Start(method, _backend.BackendType, Configuration.ClientName, null);
        IAsyncEnumerator<T>? items = null;
        long taken = 0;
        try
        {
            try
            {
                await EnsureLoggedInAsync(cancellationToken).ConfigureAwait(false);
                var source = _backend is IStreamingListBackend streaming ? stream(streaming, query, cancellationToken) : WholeListAsync(list, query, cancellationToken);
                items = source.GetAsyncEnumerator(cancellationToken);
            }
            catch (Exception exception)
            {
                ClientCallSpans.Fail(span, exception);
                throw;
            }

            while (true)
            {
                bool more;
                try
                {
                    more = await items.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    ClientCallSpans.Fail(span, exception);
                    _logger.LogDebug("{Method} failed after {Count} items: {Error}", method, taken, exception.GetType().Name);
                    throw;
                }

                if (!more)
                {
                    break;
                }

                taken++;
                yield return items.Current;
            }
        }
        finally
        {
            if (items is not null)
            {
                await items.DisposeAsync().ConfigureAwait(false);
            }

            span?.SetTag(TelemetryNames.ListedItems, taken);
            _logger.LogDebug("{Method}: {Count} items taken", method, taken);
        }
    }

    private static async IAsyncEnumerable<T> WholeListAsync<T>(
        Func<ListQuery, CancellationToken, Task<IReadOnlyList<T>>> list, ListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in await list(query, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}
