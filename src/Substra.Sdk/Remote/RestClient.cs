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
/// The HTTP side of the remote backend: URLs, headers, retries, error mapping,
/// pagination, streamed downloads, login and logout.
/// </summary>
internal sealed class RestClient : IDisposable
{
    private const int DownloadBufferSize = 81920;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly RemoteRetryPipelines _retries;
    private readonly ILogger _logger;
    private readonly Uri _platform;
    private string? _token;
    private RemoteSession? _session;

    public RestClient(RemoteConnectionSettings settings, ILogger logger, HttpClient? http = null, TimeProvider? time = null)
    {
        Settings = settings;
        _logger = logger;
        _platform = new Uri(settings.BaseUrl);
        _token = string.IsNullOrEmpty(settings.Token) ? null : settings.Token;
        _http = http ?? RemoteHttp.CreateClient(settings.Insecure);
        _ownsHttp = http is null;
        _retries = new RemoteRetryPipelines(settings, time ?? TimeProvider.System, logger);
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

    public async Task<T> SendJsonAsync<T>(
        HttpMethod method, string url, Func<HttpContent>? content, RetryScope retry, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, url, content, retry, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, typeInfo, cancellationToken).ConfigureAwait(false);
    }

    public async Task<JsonNode?> SendJsonAsync(HttpMethod method, string url, Func<HttpContent>? content, RetryScope retry, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, url, content, retry, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Follows <c>next</c> page by page, yielding each page's results before fetching the next.</summary>
    public async IAsyncEnumerable<T> ListAsync<T>(string url, JsonTypeInfo<T> itemType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? next = url;
        while (next is not null)
        {
            using var response = await SendAsync(HttpMethod.Get, next, null, RetryScope.Gateway, cancellationToken).ConfigureAwait(false);
            List<T> items;
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                using var page = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
                next = page.RootElement.TryGetProperty("next", out var nextElement) && nextElement.ValueKind == JsonValueKind.String
                    ? nextElement.GetString()
                    : null;
                if (!page.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                {
                    throw RemoteErrors.InvalidResponse(response, "Cannot parse response to JSON: a paginated response must hold a 'results' list");
                }
                items = new List<T>(results.GetArrayLength());
                foreach (var element in results.EnumerateArray())
                {
                    items.Add(element.Deserialize(itemType)!);
                }
            }
            catch (JsonException e)
            {
                throw RemoteErrors.InvalidResponse(response, $"Cannot parse response to JSON: {e.Message}");
            }
            foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    public async Task<string> GetTextAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, url, null, RetryScope.Gateway, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams the body to <paramref name="destination"/> in fixed-size chunks; a partial file is removed on failure.</summary>
    public async Task DownloadAsync(string url, string destination, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, url, null, RetryScope.Gateway, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var file = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, DownloadBufferSize, useAsync: true);
            await body.CopyToAsync(file, DownloadBufferSize, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            File.Delete(destination);
            throw;
        }
    }

    /// <summary>Sends one request with the retries of <paramref name="retry"/>; a non-success status becomes a Substra exception.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string url, Func<HttpContent>? content, RetryScope retry, CancellationToken cancellationToken, bool authorize = true)
    {
        Task<HttpResponseMessage> Once(CancellationToken token) => SendOnceAsync(method, url, content, authorize, token);
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
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
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

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken).ConfigureAwait(false)
                ?? throw RemoteErrors.InvalidResponse(response, "Cannot parse response to JSON: the body is null");
        }
        catch (JsonException e)
        {
            throw RemoteErrors.InvalidResponse(response, $"Cannot parse response to JSON: {e.Message}");
        }
    }

    /// <summary>POST /api-token-auth/ with only the Accept header; keeps the session so that logout can end it.</summary>
    public async Task<string> LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        var url = $"{BaseUrl}/api-token-auth/";
        using var response = await SendOnceAsync(
            HttpMethod.Post,
            url,
            () => new FormUrlEncodedContent([new("username", username), new("password", password)]),
            authorize: false,
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
            using var response = await SendOnceAsync(HttpMethod.Delete, url, null, authorize: true, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                _session = null;
                _token = null;
                _logger.LogInformation("Successfully logged out");
                return;
            }
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            _logger.LogError("Could not end session {SessionId}, got {Status}: {Body}", session.Id, (int)response.StatusCode, text);
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

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
