using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Remote;

/// <summary>Turns transport failures and error responses into the SDK's exceptions.</summary>
internal static class RemoteErrors
{
    private const string LoginDisabledIdentifier = "implicit_login_disabled";

    public static async Task<RequestException> FromResponseAsync(HttpResponseMessage response, ILogger logger, CancellationToken cancellationToken)
    {
        var (status, body) = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        logger.LogError("Requests error status {Status}: {Body}", status, body);
        return HttpErrors.FromResponse(status, response.ReasonPhrase, UrlOf(response), body);
    }

    /// <summary>
    /// Login errors: 400/401 are bad credentials; a 403 whose body names <c>implicit_login_disabled</c> means the platform
    /// only takes tokens (the reference looks for that identifier on the response object, never finds it, and raises
    /// AuthorizationError; we read the body, where the platform puts it).
    /// </summary>
    public static async Task<RequestException> FromLoginResponseAsync(HttpResponseMessage response, ILogger logger, CancellationToken cancellationToken)
    {
        var (status, body) = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        logger.LogError("Requests error status {Status}: {Body}", status, body);
        var mapped = HttpErrors.FromResponse(status, response.ReasonPhrase, UrlOf(response), body);
        if (status is 400 or 401)
        {
            return new BadLoginException(StandardMessage(status, response, body), status, mapped);
        }
        if (status == 403 && SubstraIdentifier(body) == LoginDisabledIdentifier)
        {
            return new UsernamePasswordLoginDisabledException(StandardMessage(status, response, body), status, mapped);
        }
        return mapped;
    }

    public static ConnectionException Connection(HttpRequestException error, string url) =>
        new($"{error.Message} (url: {url})", null, error);

    public static ConnectionTimeoutException Timeout(Exception error, string url) =>
        new($"The request to {url} timed out: {error.Message}", null, error);

    public static InvalidResponseException InvalidResponse(HttpResponseMessage response, string message) =>
        new($"HTTP {(int)response.StatusCode} from {UrlOf(response)}", message);

    public static BadConfigurationException BadConfiguration(string message) => new(message);

    // "{requests error}: {detail}" when the body has a detail, as RequestException.from_request_exception words it.
    private static string StandardMessage(int status, HttpResponseMessage response, string body)
    {
        var reason = response.ReasonPhrase ?? (status == 400 ? "Bad Request" : status == 401 ? "Unauthorized" : "Forbidden");
        var error = $"{status} Client Error: {reason} for url: {UrlOf(response)}";
        try
        {
            if (JsonNode.Parse(body) is JsonObject obj && obj["detail"] is { } detail)
            {
                return $"{error}: {(detail is JsonValue value && value.TryGetValue<string>(out var text) ? text : detail.ToJsonString())}";
            }
        }
        catch (JsonException)
        {
        }
        return error;
    }

    private static async Task<(int Status, string Body)> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            body = "";
        }
        return ((int)response.StatusCode, body);
    }

    private static string? SubstraIdentifier(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject obj && obj["substra_identifier"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string UrlOf(HttpResponseMessage response) => response.RequestMessage?.RequestUri?.ToString() ?? "";
}
