using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Remote;

// Files: streamed to disk in chunks, never held whole in memory.
internal sealed partial class RemoteBackend
{
    /// <summary>
    /// GET the dataset, then stream <c>opener.storage_address</c> (an absolute URL; the token goes with it only when it is on the
    /// platform's own origin).
    /// </summary>
    public async Task DownloadDatasetOpenerAsync(string key, string destinationFile, CancellationToken cancellationToken)
    {
        var dataset = await GetDatasetAsync(key, cancellationToken).ConfigureAwait(false);
        await _rest.DownloadAsync(StorageAddress(dataset.Opener.StorageAddress, "dataset", key), destinationFile, cancellationToken).ConfigureAwait(false);
    }

    public async Task DownloadFunctionArchiveAsync(string key, string destinationFile, CancellationToken cancellationToken)
    {
        var function = await GetFunctionAsync(key, cancellationToken).ConfigureAwait(false);
        await _rest.DownloadAsync(StorageAddress(function.Archive.StorageAddress, "function", key), destinationFile, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams <c>{base}/model/{key}/file/</c>.</summary>
    public Task DownloadModelAsync(string key, string destinationFile, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _rest.DownloadAsync(_rest.AssetUrl("model", $"{Escape(key)}/file"), destinationFile, cancellationToken);
    }

    public Task DownloadLogsAsync(string taskKey, string destinationFile, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskKey);
        return _rest.DownloadAsync(_rest.AssetUrl("task", $"{Escape(taskKey)}/logs"), destinationFile, cancellationToken);
    }

    public Task<string> GetLogsAsync(string taskKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskKey);
        return _rest.GetTextAsync(_rest.AssetUrl("task", $"{Escape(taskKey)}/logs"), cancellationToken);
    }

    /// <summary>Streams <c>{base}/task/{key}/logs/</c> keeping only its last <paramref name="maxBytes"/> bytes.</summary>
    public Task<string> GetLogTailAsync(string taskKey, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskKey);
        return _rest.StreamAsync(
            _rest.AssetUrl("task", $"{Escape(taskKey)}/logs"), (body, token) => Failures.LogTail.ReadAsync(body, maxBytes, token), cancellationToken);
    }

    public async Task<string> DescribeFunctionAsync(string key, CancellationToken cancellationToken)
    {
        var function = await GetFunctionAsync(key, cancellationToken).ConfigureAwait(false);
        return await _rest.GetTextAsync(StorageAddress(function.Description.StorageAddress, "function", key), cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> DescribeDatasetAsync(string key, CancellationToken cancellationToken)
    {
        var dataset = await GetDatasetAsync(key, cancellationToken).ConfigureAwait(false);
        return await _rest.GetTextAsync(StorageAddress(dataset.Description.StorageAddress, "dataset", key), cancellationToken).ConfigureAwait(false);
    }

    private static string StorageAddress(string? address, string assetType, string key) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? address!
            : throw new InvalidResponseException(address, $"The {assetType} '{key}' has no downloadable storage address (got '{address}').");
}
