using System.Text.Json;
using System.Text.Json.Nodes;

namespace Substra.Sdk.Exceptions;

/// <summary>Maps an HTTP error response to the reference's exception and message.</summary>
internal static class HttpErrors
{
    /// <summary>The exception for a response with error status <paramref name="statusCode"/>.</summary>
    /// <param name="statusCode">The HTTP status (400 or above).</param>
    /// <param name="reasonPhrase">The reason phrase ("Not Found"); the standard one when null.</param>
    /// <param name="url">The request URL, as in "404 Client Error: Not Found for url: …".</param>
    /// <param name="body">The response body text.</param>
    public static RequestException FromResponse(int statusCode, string? reasonPhrase, string url, string? body)
    {
        var reason = reasonPhrase ?? ReasonPhrase(statusCode);
        var side = statusCode < 500 ? "Client" : "Server";
        var requestError = $"{statusCode} {side} Error: {reason} for url: {url}";
        var json = TryParse(body);
        var detail = json is JsonObject obj && obj.TryGetPropertyValue("detail", out var detailNode) ? TextOf(detailNode) : null;
        var message = detail is null ? requestError : $"{requestError}: {detail}";

        return statusCode switch
        {
            400 => new InvalidRequestException(detail ?? (json is null ? body ?? requestError : json.ToJsonString()), 400, json),
            401 => new AuthenticationException(message, statusCode),
            403 => new AuthorizationException(message, statusCode),
            404 => new NotFoundException(message, statusCode),
            408 => new RequestTimeoutException(TimeoutKey(json, body), statusCode),
            409 => Conflict(json, body, statusCode),
            500 => new InternalServerErrorException(message, statusCode),
            502 or 503 or 504 => new GatewayUnavailableException(message, statusCode),
            _ => new HttpErrorException(message, statusCode),
        };
    }

    private static object? TimeoutKey(JsonNode? json, string? body)
    {
        if (json is JsonObject obj)
        {
            if (obj.TryGetPropertyValue("key", out var key))
            {
                return KeyOf(key);
            }

            if (obj["detail"] is JsonObject detail && detail.TryGetPropertyValue("key", out var detailKey))
            {
                return KeyOf(detailKey);
            }
        }

        return body;
    }

    // The reference takes the raw body as the key when there is none, and then asks for the asset at that "key".
    private static AlreadyExistsException Conflict(JsonNode? json, string? body, int statusCode) => json switch
    {
        // A list body is a list of assets: their keys, as the reference's [x["key"] for x in r].
        JsonArray keys => new AlreadyExistsException(
            keys.Select(item => item is JsonObject asset ? TextOf(asset["key"]) : TextOf(item)).OfType<string>().ToArray(), statusCode),
        JsonObject obj when KeyOf(obj["key"]) is (string { Length: > 0 } or string[] { Length: > 0 }) and var key => new AlreadyExistsException(key, statusCode),
        JsonObject obj when obj["detail"] is { } detail => AlreadyExistsException.WithoutKey(TextOf(detail) ?? "", statusCode),
        _ => AlreadyExistsException.WithoutKey(string.IsNullOrWhiteSpace(body) ? "(empty body)" : body, statusCode),
    };

    private static object? KeyOf(JsonNode? node)
        => node is JsonArray keys ? keys.Select(TextOf).OfType<string>().ToArray() : TextOf(node);

    private static string? TextOf(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    private static JsonNode? TryParse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ReasonPhrase(int statusCode) => statusCode switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        409 => "Conflict",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };
}
