using System.Globalization;
using System.Text.Json.Nodes;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Models;

namespace Substra.Sdk.Remote;

/// <summary>Builds <see cref="Performances"/> from a plan and its <c>/perf/</c> rows.</summary>
internal static class RemotePerformances
{
    public static Performances FromResponse(ComputePlan plan, JsonNode? body)
    {
        if (body?["results"] is not JsonArray results)
        {
            throw new InvalidResponseException(body?.ToJsonString(), "Cannot parse response to JSON: the perf response has no 'results' list");
        }
        var rows = new List<PerformanceRow>(results.Count);
        foreach (var result in results)
        {
            var task = result?["compute_task"] as JsonObject
                ?? throw new InvalidResponseException(result?.ToJsonString(), "Cannot parse response to JSON: a perf row has no 'compute_task'");
            rows.Add(new PerformanceRow(
                plan.Key,
                plan.Tag,
                plan.Status,
                plan.StartDate,
                plan.EndDate,
                plan.Metadata,
                Text(task["worker"]) ?? "",
                Text(task["key"]) ?? "",
                Int(task["rank"]),
                Int(task["round_idx"]),
                Text(result!["identifier"]) ?? "",
                Double(result["perf"])));
        }
        return Performances.FromRows(rows);
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    // round_idx may come as a number or a string ("1"), as int() accepts both in the reference.
    private static int? Int(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<double>(out var real) => (int)real,
        JsonValue value when value.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new InvalidResponseException(node.ToJsonString(), $"Cannot parse response to JSON: '{node.ToJsonString()}' is not an integer"),
    };

    private static double Double(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new InvalidResponseException(node?.ToJsonString(), $"Cannot parse response to JSON: '{node?.ToJsonString()}' is not a performance value"),
    };
}
