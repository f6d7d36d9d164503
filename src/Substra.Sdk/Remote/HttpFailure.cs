using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Substra.Sdk.Remote;

/// <summary>What an error response says, parsed once: status, reason, URL, body text and JSON (substra-behaviour.md §2.4).</summary>
internal sealed record HttpFailure(int Status, string? Reason, string Url, string Text, JsonNode? Json, bool IsJson)
{
    public static async Task<HttpFailure> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonNode? json = null;
        var isJson = false;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text);
            isJson = text.Length > 0;
        }
        catch (JsonException)
        {
        }
        var url = response.RequestMessage?.RequestUri?.ToString() ?? "";
        return new HttpFailure((int)response.StatusCode, response.ReasonPhrase, url, text, json, isJson);
    }

    /// <summary>The text of the underlying HTTP error, as python-requests words it.</summary>
    public string ErrorText
    {
        get
        {
            var side = Status >= 500 ? "Server" : "Client";
            var reason = string.IsNullOrEmpty(Reason) ? ReasonFor(Status) : Reason;
            return $"{Status} {side} Error: {reason} for url: {Url}";
        }
    }

    /// <summary>"{error}: {detail}" when the JSON body has a detail, else the error text.</summary>
    public string Message => Json is JsonObject obj && obj["detail"] is { } detail ? $"{ErrorText}: {Render(detail)}" : ErrorText;

    /// <summary>InvalidRequest's message: the body's detail, else the body.</summary>
    public string InvalidRequestMessage => Json is JsonObject obj && obj["detail"] is { } detail ? Render(detail) : Text;

    /// <summary>The key a 408 names: <c>body.key</c> or <c>body.detail.key</c>.</summary>
    public JsonNode? TimeoutKey => Json is JsonObject obj ? obj["key"] ?? (obj["detail"] as JsonObject)?["key"] : null;

    /// <summary>The key(s) a 409 names: the keys of a list body, <c>body.key</c>, or the body itself.</summary>
    public JsonNode? ConflictKey => Json switch
    {
        JsonArray list => new JsonArray(list.Select(item => (item as JsonObject)?["key"]?.DeepClone()).ToArray()),
        JsonObject obj => obj["key"],
        _ => Json,
    };

    public string? SubstraIdentifier => (Json as JsonObject)?["substra_identifier"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;

    public static string Render(JsonNode? node) => node switch
    {
        null => "None",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    private static string ReasonFor(int status) => Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : "Unknown";
}
