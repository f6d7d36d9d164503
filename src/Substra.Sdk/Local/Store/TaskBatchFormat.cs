using System.Buffers;
using System.Text.Json;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Local.Store;

/// <summary>
/// The journal's encoding of one registration batch: compact JSON written and read by hand, because plans of 100,000
/// tasks are registered and reopened within a fraction of a second. Output declarations, metadata and the strings that
/// repeat from task to task (function key, owner, worker, tag) are written once and referred to by index.
/// </summary>
internal static class TaskBatchFormat
{
    public static byte[] Write(IReadOnlyList<TaskEntry> tasks)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(1024, tasks.Count * 256));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            var outputIndex = new Dictionary<IReadOnlyDictionary<string, ComputeTaskOutput>, int>(ReferenceEqualityComparer.Instance);
            var outputs = new List<IReadOnlyDictionary<string, ComputeTaskOutput>>();
            var metadataIndex = new Dictionary<IReadOnlyDictionary<string, string>, int>(ReferenceEqualityComparer.Instance);
            var metadata = new List<IReadOnlyDictionary<string, string>>();
            var stringIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var strings = new List<string>();
            int Shared(string value)
            {
                if (!stringIndex.TryGetValue(value, out var at))
                {
                    stringIndex[value] = at = strings.Count;
                    strings.Add(value);
                }

                return at;
            }

            writer.WriteStartObject();
            writer.WriteStartArray("tasks");
            foreach (var entry in tasks)
            {
                var task = entry.Registered;
                if (!outputIndex.TryGetValue(task.Outputs, out var outputsAt))
                {
                    outputIndex[task.Outputs] = outputsAt = outputs.Count;
                    outputs.Add(task.Outputs);
                }

                if (!metadataIndex.TryGetValue(task.Metadata, out var metadataAt))
                {
                    metadataIndex[task.Metadata] = metadataAt = metadata.Count;
                    metadata.Add(task.Metadata);
                }

                writer.WriteStartArray();
                writer.WriteStringValue(task.Key);
                writer.WriteNumberValue(Shared(task.Function.Key));
                writer.WriteNumberValue(Shared(task.Owner));
                writer.WriteNumberValue(Shared(task.Worker));
                writer.WriteNumberValue(task.Rank ?? 0);
                writer.WriteNumberValue(Shared(task.Tag));
                writer.WriteNumberValue(task.CreationDate.UtcTicks);
                writer.WriteNumberValue((int)task.CreationDate.Offset.TotalMinutes);
                writer.WriteNumberValue(outputsAt);
                writer.WriteNumberValue(metadataAt);
                writer.WriteNumberValue((int)entry.BackendType);
                foreach (var input in task.Inputs)
                {
                    writer.WriteStringValue(input.Identifier);
                    if (input.AssetKey is { } assetKey)
                    {
                        writer.WriteStringValue(assetKey);
                        writer.WriteNullValue();
                    }
                    else
                    {
                        writer.WriteStringValue(input.ParentTaskKey);
                        writer.WriteStringValue(input.ParentTaskOutputIdentifier);
                    }
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("outputs");
            foreach (var declared in outputs)
            {
                writer.WriteStartObject();
                foreach (var (identifier, output) in declared)
                {
                    writer.WritePropertyName(identifier);
                    JsonSerializer.Serialize(writer, output, Json.SubstraJsonContext.Default.ComputeTaskOutput);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("metadata");
            foreach (var values in metadata)
            {
                writer.WriteStartObject();
                foreach (var (name, value) in values)
                {
                    writer.WriteString(name, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("strings");
            foreach (var value in strings)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static List<StoredTask> Read(byte[] batch)
    {
        using var document = JsonDocument.Parse(batch);
        var root = document.RootElement;
        var outputs = new List<IReadOnlyDictionary<string, ComputeTaskOutput>>();
        foreach (var declared in root.GetProperty("outputs").EnumerateArray())
        {
            var values = new Dictionary<string, ComputeTaskOutput>(StringComparer.Ordinal);
            foreach (var property in declared.EnumerateObject())
            {
                values[property.Name] = property.Value.Deserialize(Json.SubstraJsonContext.Default.ComputeTaskOutput)!;
            }

            outputs.Add(values);
        }

        var metadata = new List<IReadOnlyDictionary<string, string>>();
        foreach (var values in root.GetProperty("metadata").EnumerateArray())
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in values.EnumerateObject())
            {
                map[property.Name] = property.Value.GetString()!;
            }

            metadata.Add(map);
        }

        var strings = new List<string>();
        foreach (var value in root.GetProperty("strings").EnumerateArray())
        {
            strings.Add(value.GetString()!);
        }

        var tasks = new List<StoredTask>(root.GetProperty("tasks").GetArrayLength());
        foreach (var task in root.GetProperty("tasks").EnumerateArray())
        {
            var length = task.GetArrayLength();
            var inputs = new List<InputRef>((length - 11) / 3);
            for (var i = 11; i + 2 < length; i += 3)
            {
                var identifier = task[i].GetString()!;
                inputs.Add(task[i + 2].ValueKind == JsonValueKind.Null
                    ? new InputRef { Identifier = identifier, AssetKey = task[i + 1].GetString() }
                    : new InputRef { Identifier = identifier, ParentTaskKey = task[i + 1].GetString(), ParentTaskOutputIdentifier = task[i + 2].GetString() });
            }

            tasks.Add(new StoredTask(
                Key: task[0].GetString()!,
                FunctionKey: strings[task[1].GetInt32()],
                Owner: strings[task[2].GetInt32()],
                Worker: strings[task[3].GetInt32()],
                Rank: task[4].GetInt32(),
                Tag: strings[task[5].GetInt32()],
                CreationDate: new DateTimeOffset(task[6].GetInt64(), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(task[7].GetInt32())),
                Outputs: outputs[task[8].GetInt32()],
                Metadata: metadata[task[9].GetInt32()],
                BackendType: (BackendType)task[10].GetInt32(),
                Inputs: inputs));
        }

        return tasks;
    }
}
