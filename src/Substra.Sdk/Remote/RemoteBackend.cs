using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Substra.Sdk.Backends;
using Substra.Sdk.Filters;
using Substra.Sdk.Json;
using Substra.Sdk.Models;

namespace Substra.Sdk.Remote;

/// <summary>
/// The backend that talks to a Substra platform over its REST API, exactly as the reference SDK does
/// with the fixes listed in docs/remote.md.
/// </summary>
internal sealed partial class RemoteBackend : IBackend, IStreamingListBackend, ILogTailBackend
{
    private readonly RestClient _rest;
    private readonly ILogger _logger;

    /// <param name="settings">Where the platform is and how to authenticate.</param>
    /// <param name="loggerFactory">Logs: requests at Debug, retries and conflicts at Warning, HTTP errors at Error. Never the token.</param>
    /// <param name="httpClient">
    /// An HttpClient to use (for example from IHttpClientFactory, with <see cref="RemoteHttp.CreatePrimaryHandler"/>);
    /// when null the backend owns one that verifies TLS unless <see cref="RemoteConnectionSettings.Insecure"/>.
    /// </param>
    /// <param name="timeProvider">The clock of the retry delays (tests shrink them).</param>
    public RemoteBackend(
        RemoteConnectionSettings settings, ILoggerFactory? loggerFactory = null, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
        : this(settings, httpClient is null ? null : () => httpClient, loggerFactory, timeProvider)
    {
    }

    /// <param name="settings">Where the platform is, how to authenticate, and the limits of each request.</param>
    /// <param name="createHttpClient">
    /// Gives the HttpClient of each request, for example <c>IHttpClientFactory.CreateClient(name)</c> (as <c>AddSubstra</c>
    /// registers it); the backend never disposes them. Their own <see cref="HttpClient.Timeout"/> should be infinite: the
    /// limits of <paramref name="settings"/> apply. Null: the backend owns one HttpClient.
    /// </param>
    /// <param name="loggerFactory">Logs: requests at Debug, retries and conflicts at Warning, HTTP errors at Error. Never the token.</param>
    /// <param name="timeProvider">The clock of retry delays and timeouts (tests shrink them).</param>
    public RemoteBackend(
        RemoteConnectionSettings settings, Func<HttpClient>? createHttpClient, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Substra.Sdk.Remote");
        _rest = new RestClient(settings, _logger, createHttpClient, timeProvider);
    }

    public BackendType BackendType => BackendType.Remote;

    public string? TemporaryDirectory => null;

    /// <summary>The platform URL without its trailing slash.</summary>
    public string BaseUrl => _rest.BaseUrl;

    // The platform reports statuses through polling; nothing is ever raised here.
    public event EventHandler<TaskStateChange>? TaskStateChanged
    {
        add { }
        remove { }
    }

    public Task<Function> GetFunctionAsync(string key, CancellationToken cancellationToken) =>
        GetAsync("function", key, SubstraJson.TypeInfo<Function>(), cancellationToken);

    public Task<Dataset> GetDatasetAsync(string key, CancellationToken cancellationToken) =>
        GetAsync("data_manager", key, SubstraJson.TypeInfo<Dataset>(), cancellationToken);

    public Task<DataSample> GetDataSampleAsync(string key, CancellationToken cancellationToken) =>
        GetAsync("data_sample", key, SubstraJson.TypeInfo<DataSample>(), cancellationToken);

    public Task<ComputeTask> GetTaskAsync(string key, CancellationToken cancellationToken) =>
        GetAsync("task", key, SubstraJson.TypeInfo<ComputeTask>(), cancellationToken);

    public Task<ComputePlan> GetComputePlanAsync(string key, CancellationToken cancellationToken) =>
        GetAsync("compute_plan", key, SubstraJson.TypeInfo<ComputePlan>(), cancellationToken);

    public Task<OutModel> GetModelAsync(string key, CancellationToken cancellationToken) =>
        GetAsync("model", key, SubstraJson.TypeInfo<OutModel>(), cancellationToken);

    public Task<IReadOnlyList<Function>> ListFunctionsAsync(ListQuery query, CancellationToken cancellationToken) =>
        CollectAsync(EnumerateFunctionsAsync(query, cancellationToken));

    public Task<IReadOnlyList<Dataset>> ListDatasetsAsync(ListQuery query, CancellationToken cancellationToken) =>
        CollectAsync(EnumerateDatasetsAsync(query, cancellationToken));

    public Task<IReadOnlyList<DataSample>> ListDataSamplesAsync(ListQuery query, CancellationToken cancellationToken) =>
        CollectAsync(EnumerateDataSamplesAsync(query, cancellationToken));

    public Task<IReadOnlyList<ComputeTask>> ListTasksAsync(ListQuery query, CancellationToken cancellationToken) =>
        CollectAsync(EnumerateTasksAsync(query, cancellationToken));

    public Task<IReadOnlyList<ComputePlan>> ListComputePlansAsync(ListQuery query, CancellationToken cancellationToken) =>
        CollectAsync(EnumerateComputePlansAsync(query, cancellationToken));

    public Task<IReadOnlyList<OutModel>> ListModelsAsync(ListQuery query, CancellationToken cancellationToken) =>
        CollectAsync(EnumerateModelsAsync(query, cancellationToken));

    /// <summary>Functions page by page: each page is requested only when the previous one has been consumed.</summary>
    public IAsyncEnumerable<Function> EnumerateFunctionsAsync(ListQuery query, CancellationToken cancellationToken = default) =>
        EnumerateAsync("function", query, SubstraJson.TypeInfo<Function>(), cancellationToken);

    public IAsyncEnumerable<Dataset> EnumerateDatasetsAsync(ListQuery query, CancellationToken cancellationToken = default) =>
        EnumerateAsync("data_manager", query, SubstraJson.TypeInfo<Dataset>(), cancellationToken);

    public IAsyncEnumerable<DataSample> EnumerateDataSamplesAsync(ListQuery query, CancellationToken cancellationToken = default) =>
        EnumerateAsync("data_sample", query, SubstraJson.TypeInfo<DataSample>(), cancellationToken);

    public IAsyncEnumerable<ComputeTask> EnumerateTasksAsync(ListQuery query, CancellationToken cancellationToken = default) =>
        EnumerateAsync("task", query, SubstraJson.TypeInfo<ComputeTask>(), cancellationToken);

    public IAsyncEnumerable<ComputePlan> EnumerateComputePlansAsync(ListQuery query, CancellationToken cancellationToken = default) =>
        EnumerateAsync("compute_plan", query, SubstraJson.TypeInfo<ComputePlan>(), cancellationToken);

    public IAsyncEnumerable<OutModel> EnumerateModelsAsync(ListQuery query, CancellationToken cancellationToken = default) =>
        EnumerateAsync("model", query, SubstraJson.TypeInfo<OutModel>(), cancellationToken);

    /// <summary>GET /organization/: not paginated, a JSON list.</summary>
    public async Task<IReadOnlyList<Organization>> ListOrganizationsAsync(CancellationToken cancellationToken) =>
        await _rest.SendJsonAsync(
            HttpMethod.Get, _rest.AssetUrl("organization"), null, RetryScope.Gateway, SubstraJson.TypeInfo<List<Organization>>(), cancellationToken)
            .ConfigureAwait(false);

    public Task<OrganizationInfo> GetOrganizationInfoAsync(CancellationToken cancellationToken) =>
        _rest.SendJsonAsync(HttpMethod.Get, $"{BaseUrl}/info/", null, RetryScope.Gateway, SubstraJson.TypeInfo<OrganizationInfo>(), cancellationToken);

    public Task<IReadOnlyList<InputAsset>> ListTaskInputAssetsAsync(string taskKey, CancellationToken cancellationToken) =>
        CollectAsync(_rest.ListAsync(_rest.AssetUrl("task", $"{Escape(taskKey)}/input_assets"), SubstraJson.TypeInfo<InputAsset>(), cancellationToken));

    public Task<IReadOnlyList<OutputAsset>> ListTaskOutputAssetsAsync(string taskKey, string? identifier, CancellationToken cancellationToken)
    {
        var query = identifier is null ? null : RemoteQuery.Join([new("identifier", identifier)]);
        return CollectAsync(_rest.ListAsync(
            _rest.AssetUrl("task", $"{Escape(taskKey)}/output_assets", query), SubstraJson.TypeInfo<OutputAsset>(), cancellationToken));
    }

    public async Task CancelComputePlanAsync(string key, CancellationToken cancellationToken)
    {
        await _rest.SendAsync(
            HttpMethod.Post, _rest.AssetUrl("compute_plan", $"{Escape(key)}/cancel"), null, RetryScope.Gateway, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GET the plan, then GET its perf rows (not paginated); one row per (task, performance output).</summary>
    public async Task<Performances> GetPerformancesAsync(string computePlanKey, CancellationToken cancellationToken)
    {
        var plan = await GetComputePlanAsync(computePlanKey, cancellationToken).ConfigureAwait(false);
        var body = await _rest.SendJsonAsync(
            HttpMethod.Get, _rest.AssetUrl("compute_plan", $"{Escape(computePlanKey)}/perf"), null, RetryScope.Gateway, cancellationToken)
            .ConfigureAwait(false);
        return RemotePerformances.FromResponse(plan, body);
    }

    public Task<string?> LoginAsync(string username, string password, CancellationToken cancellationToken) =>
        LoginCoreAsync(username, password, cancellationToken);

    public Task LogoutAsync(CancellationToken cancellationToken) => _rest.LogoutAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        _rest.Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"RemoteBackend {{ Url = {BaseUrl} }}";

    private async Task<string?> LoginCoreAsync(string username, string password, CancellationToken cancellationToken) =>
        await _rest.LoginAsync(username, password, cancellationToken).ConfigureAwait(false);

    private Task<T> GetAsync<T>(string serverType, string key, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _rest.SendJsonAsync(HttpMethod.Get, _rest.AssetUrl(serverType, Escape(key)), null, RetryScope.Gateway, typeInfo, cancellationToken);
    }

    private IAsyncEnumerable<T> EnumerateAsync<T>(string serverType, ListQuery query, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _rest.ListAsync(_rest.AssetUrl(serverType, null, RemoteQuery.Encode(query)), typeInfo, cancellationToken);
    }

    private static async Task<IReadOnlyList<T>> CollectAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false))
        {
            list.Add(item);
        }
        return list;
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
