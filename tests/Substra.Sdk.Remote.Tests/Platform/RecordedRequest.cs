using System.Text;
using System.Text.Json.Nodes;

namespace Substra.Sdk.Remote.Tests.Platform;

/// <summary>One request as the fake platform received it.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string RawQuery,
    IReadOnlyDictionary<string, string[]> Query,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    byte[] Body,
    IReadOnlyList<RecordedPart> Parts,
    IReadOnlyDictionary<string, string[]> Form)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonNode? BodyJson => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public RecordedPart Part(string name) =>
        Parts.SingleOrDefault(p => p.Name == name)
        ?? throw new InvalidOperationException($"No multipart part named '{name}'; parts: {string.Join(", ", Parts.Select(p => p.Name))}");

    public override string ToString() => $"{Method} {Path}{RawQuery}";
}
