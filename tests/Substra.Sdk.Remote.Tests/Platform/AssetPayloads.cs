using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Substra.Sdk.Remote.Tests.Platform;

/// <summary>Builds assets in the shapes the Substra backend returns.</summary>
public static class AssetPayloads
{
    public const string Owner = "MyOrg1MSP";
    public const string CreationDate = "2026-01-02T03:04:05.678901Z";

    public static JsonObject Permissions(JsonNode? permissions)
    {
        var process = permissions?.DeepClone() ?? new JsonObject { ["public"] = true, ["authorized_ids"] = new JsonArray() };
        return new JsonObject { ["process"] = process, ["download"] = process.DeepClone() };
    }

    public static JsonObject File(string baseUrl, string path, byte[] content) => new()
    {
        ["checksum"] = Convert.ToHexStringLower(SHA256.HashData(content)),
        ["storage_address"] = baseUrl + path,
    };

    public static JsonObject Function(string baseUrl, string key, JsonObject spec, byte[] archive, byte[] description) => new()
    {
        ["key"] = key,
        ["name"] = spec["name"]?.DeepClone(),
        ["owner"] = Owner,
        ["permissions"] = Permissions(spec["permissions"]),
        ["metadata"] = spec["metadata"]?.DeepClone() ?? new JsonObject(),
        ["creation_date"] = CreationDate,
        ["inputs"] = spec["inputs"]?.DeepClone() ?? new JsonObject(),
        ["outputs"] = spec["outputs"]?.DeepClone() ?? new JsonObject(),
        ["status"] = "FUNCTION_STATUS_READY",
        ["description"] = File(baseUrl, $"/function/{key}/description/", description),
        ["archive"] = File(baseUrl, $"/function/{key}/file/", archive),
        ["unknown_server_field"] = "ignored by the client",
    };

    public static JsonObject Dataset(string baseUrl, string key, JsonObject spec, byte[] opener, byte[] description) => new()
    {
        ["key"] = key,
        ["name"] = spec["name"]?.DeepClone(),
        ["owner"] = Owner,
        ["permissions"] = Permissions(spec["permissions"]),
        ["data_sample_keys"] = new JsonArray(),
        ["opener"] = File(baseUrl, $"/data_manager/{key}/opener/", opener),
        ["description"] = File(baseUrl, $"/data_manager/{key}/description/", description),
        ["metadata"] = spec["metadata"]?.DeepClone() ?? new JsonObject(),
        ["creation_date"] = CreationDate,
        ["logs_permission"] = spec["logs_permission"]?.DeepClone() ?? new JsonObject { ["public"] = true, ["authorized_ids"] = new JsonArray() },
    };

    public static JsonObject DataSample(string key, IEnumerable<string> dataManagerKeys) => new()
    {
        ["key"] = key,
        ["owner"] = Owner,
        ["data_manager_keys"] = new JsonArray(dataManagerKeys.Select(k => (JsonNode)JsonValue.Create(k)!).ToArray()),
        ["creation_date"] = CreationDate,
    };

    public static JsonObject ComputePlan(JsonObject spec) => new()
    {
        ["key"] = spec["key"]?.DeepClone(),
        ["tag"] = spec["tag"]?.DeepClone() ?? "",
        ["name"] = spec["name"]?.DeepClone(),
        ["owner"] = Owner,
        ["metadata"] = spec["metadata"]?.DeepClone() ?? new JsonObject(),
        ["status"] = "PLAN_STATUS_CREATED",
        ["creation_date"] = CreationDate,
        ["start_date"] = null,
        ["end_date"] = null,
        ["duration"] = "90",
        ["creator"] = "user",
        ["task_count"] = 0,
        ["done_count"] = 0,
    };

    public static JsonObject Task(JsonObject spec, JsonObject function) => new()
    {
        ["key"] = spec["key"]?.DeepClone(),
        ["function"] = function.DeepClone(),
        ["owner"] = Owner,
        ["compute_plan_key"] = spec["compute_plan_key"]?.DeepClone(),
        ["metadata"] = spec["metadata"]?.DeepClone() ?? new JsonObject(),
        ["status"] = "STATUS_WAITING_FOR_BUILDER_SLOT",
        ["worker"] = spec["worker"]?.DeepClone(),
        ["rank"] = spec["rank"]?.DeepClone(),
        ["tag"] = spec["tag"]?.DeepClone() ?? "",
        ["creation_date"] = CreationDate,
        ["start_date"] = null,
        ["end_date"] = null,
        ["error_type"] = null,
        ["inputs"] = spec["inputs"]?.DeepClone() ?? new JsonArray(),
        ["outputs"] = TaskOutputs(spec["outputs"] as JsonObject),
    };

    private static JsonObject TaskOutputs(JsonObject? outputs)
    {
        var result = new JsonObject();
        foreach (var (id, output) in outputs ?? new JsonObject())
        {
            result[id] = new JsonObject
            {
                ["permissions"] = Permissions(output?["permissions"]),
                ["transient"] = output?["transient"]?.DeepClone() ?? false,
            };
        }
        return result;
    }

    public static JsonObject Model(string baseUrl, string key, string taskKey, long length) => new()
    {
        ["key"] = key,
        ["compute_task_key"] = taskKey,
        ["address"] = new JsonObject { ["checksum"] = "0", ["storage_address"] = $"{baseUrl}/model/{key}/file/" },
        ["permissions"] = Permissions(null),
        ["owner"] = Owner,
        ["creation_date"] = CreationDate,
        ["length"] = length,
    };

    public static JsonObject Info(string baseUrl) => new()
    {
        ["host"] = baseUrl,
        ["organization_id"] = Owner,
        ["organization_name"] = Owner,
        ["config"] = new JsonObject { ["model_export_enabled"] = true, ["extra_option"] = "kept" },
        ["channel"] = "mychannel",
        ["version"] = "0.50.0",
        ["orchestrator_version"] = "0.40.0",
    };
}
