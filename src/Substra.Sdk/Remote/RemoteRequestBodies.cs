using System.Buffers;
using System.Text.Json;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Remote;

/// <summary>
/// The JSON bodies of the platform's REST API, written field by field so that only set fields appear and
/// nulls are kept where the reference keeps them.
/// </summary>
internal static class RemoteRequestBodies
{
    public static string Dataset(DatasetSpec spec) => Write(writer =>
    {
        writer.WriteString("name", spec.Name);
        WritePermissions(writer, "permissions", spec.Permissions);
        WriteMetadata(writer, spec.Metadata);
        WritePermissions(writer, "logs_permission", spec.LogsPermission);
    });

    public static string Function(FunctionSpec spec) => Write(writer =>
    {
        writer.WriteString("name", spec.Name);
        WritePermissions(writer, "permissions", spec.Permissions);
        WriteMetadata(writer, spec.Metadata);
        writer.WriteStartObject("inputs");
        foreach (var input in spec.Inputs ?? [])
        {
            writer.WriteStartObject(input.Identifier);
            writer.WriteString("kind", input.Kind.ToWireName());
            writer.WriteBoolean("optional", input.Optional);
            writer.WriteBoolean("multiple", input.Multiple);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteStartObject("outputs");
        foreach (var output in spec.Outputs ?? [])
        {
            writer.WriteStartObject(output.Identifier);
            writer.WriteString("kind", output.Kind.ToWireName());
            writer.WriteBoolean("multiple", output.Multiple);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    });

    /// <summary>The <c>json</c> part of an upload of zipped samples.</summary>
    public static string DataSampleUpload(DataSampleSpec spec) => Write(writer =>
    {
        WriteStrings(writer, "data_manager_keys", spec.DataManagerKeys);
        if (spec.FollowLinks)
        {
            writer.WriteBoolean("followlinks", true);
        }
    });

    /// <summary>Samples already on the server's file system: their absolute paths.</summary>
    public static string DataSamplePaths(DataSampleSpec spec) => Write(writer =>
    {
        if (spec.IsMany)
        {
            WriteStrings(writer, "paths", spec.Paths!.Select(System.IO.Path.GetFullPath).ToList());
        }
        else
        {
            writer.WriteString("path", System.IO.Path.GetFullPath(spec.Path!));
        }
        WriteStrings(writer, "data_manager_keys", spec.DataManagerKeys);
        if (spec.FollowLinks)
        {
            writer.WriteBoolean("followlinks", true);
        }
    });

    /// <summary>
    /// The plan itself. Its tasks are not repeated here (the reference sends them raw, then again through bulk_create;
    /// the server ignores the first copy).
    /// </summary>
    public static string ComputePlan(string key, string name, string? tag, IReadOnlyDictionary<string, string>? metadata) => Write(writer =>
    {
        writer.WriteString("key", key);
        writer.WriteString("name", name);
        if (tag is not null)
        {
            writer.WriteString("tag", tag);
        }
        WriteMetadata(writer, metadata);
    });

    /// <summary><c>{"tasks": [...]}</c> for <c>/task/bulk_create/</c>.</summary>
    public static string BulkCreate(IEnumerable<TaskSpec> tasks, bool fromPlan) => Write(writer =>
    {
        writer.WriteStartArray("tasks");
        foreach (var task in tasks)
        {
            WriteTask(writer, task, fromPlan);
        }
        writer.WriteEndArray();
    });

    public static string Rename(string name) => Write(writer => writer.WriteString("name", name));

    // Tasks built from a plan always carry rank (null), tag and metadata, as in the reference.
    private static void WriteTask(Utf8JsonWriter writer, TaskSpec task, bool fromPlan)
    {
        writer.WriteStartObject();
        writer.WriteString("key", task.Key);
        writer.WriteString("function_key", task.FunctionKey);
        writer.WriteString("worker", task.Worker);
        writer.WriteString("compute_plan_key", task.ComputePlanKey);
        if (fromPlan || task.Rank is not null)
        {
            writer.WritePropertyName("rank");
            if (task.Rank is { } rank)
            {
                writer.WriteNumberValue(rank);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
        if (fromPlan || task.Tag is not null)
        {
            writer.WriteString("tag", task.Tag);
        }
        if (fromPlan || task.Metadata is not null)
        {
            WriteMetadata(writer, task.Metadata, writeNull: true);
        }
        if (task.Inputs is not null)
        {
            writer.WriteStartArray("inputs");
            foreach (var input in task.Inputs)
            {
                writer.WriteStartObject();
                writer.WriteString("identifier", input.Identifier);
                writer.WriteString("asset_key", input.AssetKey);
                writer.WriteString("parent_task_key", input.ParentTaskKey);
                writer.WriteString("parent_task_output_identifier", input.ParentTaskOutputIdentifier);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (task.Outputs is not null)
        {
            writer.WriteStartObject("outputs");
            foreach (var (identifier, output) in task.Outputs)
            {
                writer.WriteStartObject(identifier);
                WritePermissions(writer, "permissions", output.Permissions);
                writer.WriteBoolean("transient", output.IsTransient);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WritePermissions(Utf8JsonWriter writer, string name, Permissions permissions)
    {
        writer.WriteStartObject(name);
        writer.WriteBoolean("public", permissions.Public);
        WriteStrings(writer, "authorized_ids", permissions.AuthorizedIds);
        writer.WriteEndObject();
    }

    private static void WriteMetadata(Utf8JsonWriter writer, IReadOnlyDictionary<string, string>? metadata, bool writeNull = false)
    {
        if (metadata is null)
        {
            if (writeNull)
            {
                writer.WriteNull("metadata");
            }
            return;
        }
        writer.WriteStartObject("metadata");
        foreach (var (key, value) in metadata)
        {
            writer.WriteString(key, value);
        }
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
