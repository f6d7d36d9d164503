using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace Substra.Sdk.Remote;

/// <summary>
/// The HTTP side of the remote backend: URLs, headers, retries, timeouts, error mapping,
/// pagination, streamed downloads, login and logout.
/// </summary>
internal sealed class RestClient : IDisposable
{
    private const int DownloadBufferSize = 81920;
    private readonly Func<HttpClient> _http;
    private readonly HttpClient? _owned;
    private readonly RemoteRetryPipelines _retries;
    private readonly RemoteTimeouts _timeouts;
    private readonly ILogger _logger;
    private readonly Uri _platform;
    private string? _token;
    private RemoteSession? _session;

    /// <param name="settings">The platform, credentials, retries and timeouts.</param>
    /// <param name="logger">Requests at Debug, retries at Warning.</param>
    /// <param name="http">
    /// Gives the HttpClient of each request (IHttpClientFactory's, for instance); null: one HttpClient owned by this object.
    /// Its own <see cref="HttpClient.Timeout"/> should be infinite: the timeouts of <paramref name="settings"/> apply.
    /// </param>
    /// <param name="time">The clock of retry delays and timeouts.</param>
    public RestClient(RemoteConnectionSettings settings, ILogger logger, Func<HttpClient>? http = null, TimeProvider? time = null)
    {
        Settings = settings;
        _logger = logger;
        _platform = new Uri(settings.BaseUrl);
        _token = string.IsNullOrEmpty(settings.Token) ? null : settings.Token;
        if (http is null)
        {
            var owned = RemoteHttp.CreateClient(settings.Insecure);
            _owned = owned;
            http = () => owned;
        }

        _http = http;
        _retries = new RemoteRetryPipelines(settings, time ?? TimeProvider.System, logger);
        _timeouts = new RemoteTimeouts(settings, time ?? TimeProvider.System);
    }

    public RemoteConnectionSettings Settings { get; }

    public string BaseUrl => Settings.BaseUrl;

    public bool HasToken => _token is not null;

    /// <summary><c>{base}/{type}/{path}/</c>, the trailing slash the server requires always present.</summary>
    public string AssetUrl(string serverType, string? path = null, string? query = null)
    {
        var url = $"{BaseUrl}/{serverType}/{path}";
        if (!url.EndsWith('/'))
        {
            url += "/";
        }
        return string.IsNullOrEmpty(query) ? url : $"{url}?{query}";
    }

    public Task<T> SendJsonAsync<T>(
        HttpMethod method, string url, Func<HttpContent>? content, RetryScope retry, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        ExchangeAsync(method, url, content, retry, (response, token) => ReadJsonAsync(response, typeInfo, token), cancellationToken);

    /// <summary>Sends a request and parses its JSON answer; <paramref name="uploadsFiles"/> marks a body of files (see <see cref="ExchangeAsync"/>).</summary>
    public Task<JsonNode?> SendJsonAsync(
        HttpMethod method, string url, Func<HttpContent>? content, RetryScope retry, CancellationToken cancellationToken, bool uploadsFiles = false) =>
        ExchangeAsync(method, url, content, retry, ParseJsonAsync, cancellationToken, uploadsFiles);

    /// <summary>Sends a request whose response body does not matter (it is read to its end, within the request's limit).</summary>
    public Task SendAsync(HttpMethod method, string url, Func<HttpContent>? content, RetryScope retry, CancellationToken cancellationToken) =>
        ExchangeAsync(
            method,
            url,
            content,
            retry,
            async (response, token) =>
            {
                await response.Content.CopyToAsync(Stream.Null, token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>Follows <c>next</c> page by page, yielding each page's results before fetching the next.</summary>
    public async IAsyncEnumerable<T> ListAsync<T>(string url, JsonTypeInfo<T> itemType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? next = url;
        while (next is not null)
        {
            var (items, following) = await ExchangeAsync(
                HttpMethod.Get, next, null, RetryScope.Gateway, (response, token) => ReadPageAsync(response, itemType, token), cancellationToken)
                .ConfigureAwait(false);
            next = following;
            foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    public Task<string> GetTextAsync(string url, CancellationToken cancellationToken) =>
        ExchangeAsync(HttpMethod.Get, url, null, RetryScope.Gateway, (response, token) => response.Content.ReadAsStringAsync(token), cancellationToken);

    /// <summary>Streams the body to <paramref name="destination"/> in fixed-size chunks; a partial file is removed on failure.</summary>
    public Task DownloadAsync(string url, string destination, CancellationToken cancellationToken) =>
        StreamAsync(
            url,
            async (body, token) =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
                try
                {
                    var file = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, DownloadBufferSize, useAsync: true);
                    await using var fileDisposal = file.ConfigureAwait(false);
                    await body.CopyToAsync(file, DownloadBufferSize, token).ConfigureAwait(false);
                }
                catch
                {
                    File.Delete(destination);
                    throw;
                }

                return true;
            },
            cancellationToken);

    /// <summary>
    /// GETs <paramref name="url"/> and hands its body to <paramref name="consume"/> as a stream. The request has the usual
    /// limits until its headers; the body then has no total limit, but every read fails after
    /// <see cref="RemoteConnectionSettings.HttpStallTimeout"/> without data.
    /// </summary>
    public async Task<T> StreamAsync<T>(string url, Func<Stream, CancellationToken, Task<T>> consume, CancellationToken cancellationToken)
    {
        using var response = await _timeouts.WholeAsync(
            HttpMethod.Get, url, token => SendWithRetriesAsync(HttpMethod.Get, url, null, RetryScope.Gateway, token), cancellationToken).ConfigureAwait(false);
        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _timeouts.Time);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var bodyDisposal = body.ConfigureAwait(false);
        var watched = new StallWatchedStream(body, stall, _timeouts.StallTimeout);
        await using var watchedDisposal = watched.ConfigureAwait(false);
        try
        {
            return await consume(watched, reading.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new Exceptions.ConnectionTimeoutException(
                $"GET {url}: the download stalled, no data for {RemoteTimeouts.Format(_timeouts.StallTimeout)} (HttpStallTimeout); "
                + "raise HttpStallTimeout for a platform that pauses longer.",
                null,
                e);
        }
    }

    /// <summary>
    /// One request under its total limit: sent with the retries of <paramref name="retry"/> (each try under its own limit), a
    /// non-success status turned into a Substra exception, then the response read by <paramref name="read"/> and disposed.
    /// An upload of files (<paramref name="uploadsFiles"/>) may take longer than any fixed limit: each try fails when its body
    /// stalls, the per-try limit counts from the end of the body, and only reading the answer has the total limit.
    /// </summary>
    private Task<T> ExchangeAsync<T>(
        HttpMethod method,
        string url,
        Func<HttpContent>? content,
        RetryScope retry,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken,
        bool uploadsFiles = false)
    {
        if (uploadsFiles && content is not null)
        {
            return UploadAsync(method, url, content, retry, read, cancellationToken);
        }

        return _timeouts.WholeAsync(
            method,
            url,
            async token =>
            {
                using var response = await SendWithRetriesAsync(method, url, content, retry, token).ConfigureAwait(false);
                return await read(response, token).ConfigureAwait(false);
            },
            cancellationToken);
    }

    private async Task<T> UploadAsync<T>(
        HttpMethod method,
        string url,
        Func<HttpContent> content,
        RetryScope retry,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        using var response = await SendWithRetriesAsync(method, url, content, retry, cancellationToken, uploadsFiles: true).ConfigureAwait(false);
        return await _timeouts.WholeAsync(method, url, token => read(response, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one request with the retries of <paramref name="retry"/>; a non-success status becomes a Substra exception.</summary>
    private async Task<HttpResponseMessage> SendWithRetriesAsync(
        HttpMethod method, string url, Func<HttpContent>? content, RetryScope retry, CancellationToken cancellationToken, bool uploadsFiles = false)
    {
        Task<HttpResponseMessage> Once(CancellationToken token) =>
            uploadsFiles && content is not null
                ? _timeouts.UploadAttemptAsync(
                    method, url, content, (watched, attemptToken) => SendOnceAsync(method, url, watched, authorize: true, attemptToken), token)
                : _timeouts.AttemptAsync(method, url, attemptToken => SendOnceAsync(method, url, content, authorize: true, attemptToken), token);
        Task<HttpResponseMessage> WithGateway(CancellationToken token) => _retries.ExecuteAsync(_retries.Gateway, Once, token);
        var response = retry switch
        {
            RetryScope.None => await Once(cancellationToken).ConfigureAwait(false),
            RetryScope.Gateway => await WithGateway(cancellationToken).ConfigureAwait(false),
            _ => await _retries.ExecuteAsync(_retries.RequestTimeout, WithGateway, cancellationToken).ConfigureAwait(false),
        };
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            throw await RemoteErrors.FromResponseAsync(response, _logger, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        HttpMethod method, string url, Func<HttpContent>? content, bool authorize, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(RemoteHttp.Accept));
        // Fix of the reference: no "Authorization: Token None" when there is no token, and the token only goes to the
        // platform's own origin (a storage address the server returns may be on another host).
        if (authorize && _token is not null)
        {
            if (IsPlatformOrigin(request.RequestUri!))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Token", _token);
            }
            else
            {
                _logger.LogDebug("{Url} is not on the platform's origin {Origin}: sent without credentials", url, _platform.GetLeftPart(UriPartial.Authority));
            }
        }
        // A fresh content per try, so a retried upload sends its files from the start.
        request.Content = content?.Invoke();
        var stopwatch = Stopwatch.StartNew();
        string? error = null;
        try
        {
            var response = await _http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                error = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return response;
        }
        catch (HttpRequestException e)
        {
            error = nameof(HttpRequestException);
            throw RemoteErrors.Connection(e, url);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            error = "Timeout";
            throw RemoteErrors.Timeout(e, url);
        }
        finally
        {
            _logger.LogDebug("{Method} {Url}: done in {Elapsed:F2}ms error={Error}", method, url, stopwatch.Elapsed.TotalMilliseconds, error ?? "None");
        }
    }

    /// <summary>Same scheme, host and port as the configured URL.</summary>
    private bool IsPlatformOrigin(Uri url) =>
        url.IsAbsoluteUri
        && Uri.Compare(url, _platform, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static async Task<JsonNode?> ParseJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw RemoteErrors.InvalidResponse(response, $"Cannot parse response to JSON: {e.Message}");
        }
    }

    // One page of a paginated list: its results and the URL of the next page, if any.
    private static async Task<(List<T> Items, string? Next)> ReadPageAsync<T>(
        HttpResponseMessage response, JsonTypeInfo<T> itemType, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var bodyDisposal = body.ConfigureAwait(false);
            using var page = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            var next = page.RootElement.TryGetProperty("next", out var nextElement) && nextElement.ValueKind == JsonValueKind.String
                ? nextElement.GetString()
                : null;
            if (!page.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
            {
                throw RemoteErrors.InvalidResponse(response, "Cannot parse response to JSON: a paginated response must hold a 'results' list");
            }

            var items = new List<T>(results.GetArrayLength());
            foreach (var element in results.EnumerateArray())
            {
                items.Add(element.Deserialize(itemType)!);
            }

            return (items, next);
        }
        catch (JsonException e)
        {
            throw RemoteErrors.InvalidResponse(response, $"Cannot parse response to JSON: {e.Message}");
        }
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var bodyDisposal = body.ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken).ConfigureAwait(false)
                ?? throw RemoteErrors.InvalidResponse(response, "Cannot parse response to JSON: the body is null");
        }
        catch (JsonException e)
        {
            throw RemoteErrors.InvalidResponse(response, $"Cannot parse response to JSON: {e.Message}");
        }
    }

    /// <summary>POST /api-token-auth/ with only the Accept header; keeps the session so that logout can end it.</summary>
    public Task<string> LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        var url = $"{BaseUrl}/api-token-auth/";
        return _timeouts.WholeAsync(HttpMethod.Post, url, token => LoginOnceAsync(url, username, password, token), cancellationToken);
    }

    // Never retried, as in the reference: one try under both limits.
    private async Task<string> LoginOnceAsync(string url, string username, string password, CancellationToken cancellationToken)
    {
        using var response = await _timeouts.AttemptAsync(
            HttpMethod.Post,
            url,
            token => SendOnceAsync(
                HttpMethod.Post,
                url,
                () => new FormUrlEncodedContent([new("username", username), new("password", password)]),
                authorize: false,
                token),
            cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await RemoteErrors.FromLoginResponseAsync(response, _logger, cancellationToken).ConfigureAwait(false);
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            throw RemoteErrors.BadConfiguration($"Unable to get token from json response. Make sure that given url: {BaseUrl} is correct");
        }
        if (body?["token"] is not JsonValue tokenValue || body["expires_at"] is null || body["id"] is null)
        {
            throw RemoteErrors.InvalidResponse(response, "Token object does not contain required fields");
        }
        var session = new RemoteSession(body["id"]!.ToString(), tokenValue.ToString(), body["expires_at"]!.ToString());
        _session = session;
        _token = session.Token;
        _logger.LogInformation(
            "Logging in with username/password is discouraged; you should generate a token on the web UI instead: "
            + "https://docs.substra.org/en/stable/documentation/api_tokens_generation.html");
        WarnOfSessionExpiration(session.ExpiresAt, LogLevel.Information);
        return session.Token;
    }

    /// <summary>Ends the session opened by <see cref="LoginAsync"/>, if any. Failures are logged, never thrown.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken)
    {
        var session = _session;
        if (session is null)
        {
            return;
        }
        try
        {
            var url = $"{BaseUrl}/active-api-tokens/?id={Uri.EscapeDataString(session.Id)}";
            var (status, text) = await _timeouts.WholeAsync(
                HttpMethod.Delete,
                url,
                async token =>
                {
                    using var response = await _timeouts.AttemptAsync(
                        HttpMethod.Delete, url, attempt => SendOnceAsync(HttpMethod.Delete, url, null, authorize: true, attempt), token).ConfigureAwait(false);
                    return ((int)response.StatusCode, response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync(token).ConfigureAwait(false));
                },
                cancellationToken).ConfigureAwait(false);
            if (status is >= 200 and < 300)
            {
                _session = null;
                _token = null;
                _logger.LogInformation("Successfully logged out");
                return;
            }
            _logger.LogError("Could not end session {SessionId}, got {Status}: {Body}", session.Id, status, text);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError("Could not end session {SessionId}: {Error}", session.Id, e.Message);
        }
        // The token will expire on its own.
        WarnOfSessionExpiration(session.ExpiresAt, LogLevel.Warning);
    }

    private void WarnOfSessionExpiration(string expiresAt, LogLevel minimumLevel)
    {
        var level = minimumLevel;
        string when;
        if (DateTimeOffset.TryParse(expiresAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var expiry))
        {
            var remaining = expiry - DateTimeOffset.UtcNow;
            var duration = remaining.Days != 0 ? $"{remaining.Days} days" : $"{(int)remaining.TotalHours} hours";
            when = $"in {duration} ({expiresAt})";
            if (remaining < TimeSpan.FromHours(4) && level < LogLevel.Warning)
            {
                level = LogLevel.Warning;
            }
        }
        else
        {
            when = expiresAt;
        }
        _logger.Log(level, "Your session will expire {When}", when);
    }

    public void Dispose() => _owned?.Dispose();
}
