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

    /// <summary>Reads a batch with a forward-only reader (no document is built: a batch of 100,000 tasks is tens of MB).</summary>
    public static List<StoredTask> Read(byte[] batch)
    {
        var reader = new Utf8JsonReader(batch);
        var raw = new List<RawTask>();
        var outputs = new List<IReadOnlyDictionary<string, ComputeTaskOutput>>();
        var metadata = new List<IReadOnlyDictionary<string, string>>();
        var strings = new List<string>();
        Next(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var section = reader.GetString();
            Next(ref reader, JsonTokenType.StartArray);
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                switch (section)
                {
                    case "tasks":
                        raw.Add(ReadTask(ref reader));
                        break;
                    case "outputs":
                        var declared = new Dictionary<string, ComputeTaskOutput>(StringComparer.Ordinal);
                        while (Next(ref reader) == JsonTokenType.PropertyName)
                        {
                            var identifier = reader.GetString()!;
                            reader.Read();
                            declared[identifier] = JsonSerializer.Deserialize(ref reader, Json.SubstraJsonContext.Default.ComputeTaskOutput)!;
                        }

                        outputs.Add(declared);
                        break;
                    case "metadata":
                        var values = new Dictionary<string, string>(StringComparer.Ordinal);
                        while (Next(ref reader) == JsonTokenType.PropertyName)
                        {
                            var name = reader.GetString()!;
                            reader.Read();
                            values[name] = reader.GetString()!;
                        }

                        metadata.Add(values);
                        break;
                    case "strings":
                        strings.Add(reader.GetString()!);
                        break;
                    default:
                        throw new InvalidDataException($"A task batch of the workspace database has an unknown section '{section}': the database is damaged.");
                }
            }
        }

        var tasks = new List<StoredTask>(raw.Count);
        foreach (var task in raw)
        {
            tasks.Add(new StoredTask(
                Key: task.Key,
                FunctionKey: strings[task.Function],
                Owner: strings[task.Owner],
                Worker: strings[task.Worker],
                Rank: task.Rank,
                Tag: strings[task.Tag],
                CreationDate: new DateTimeOffset(task.CreationTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(task.OffsetMinutes)),
                Outputs: outputs[task.Outputs],
                Metadata: metadata[task.Metadata],
                BackendType: (BackendType)task.BackendType,
                Inputs: task.Inputs));
        }

        return tasks;
    }

    // One task as written: [key, function, owner, worker, rank, tag, ticks, offset, outputs, metadata, backend, inputs…]
    // where each input is identifier, then asset key and null, or parent key and parent output.
    private static RawTask ReadTask(ref Utf8JsonReader reader)
    {
        Expect(reader, JsonTokenType.StartArray);
        var key = Text(ref reader);
        var function = Number(ref reader);
        var owner = Number(ref reader);
        var worker = Number(ref reader);
        var rank = Number(ref reader);
        var tag = Number(ref reader);
        reader.Read();
        var ticks = reader.GetInt64();
        var offset = Number(ref reader);
        var outputs = Number(ref reader);
        var metadata = Number(ref reader);
        var backend = Number(ref reader);
        var inputs = new List<InputRef>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            var identifier = reader.GetString()!;
            var first = Text(ref reader);
            reader.Read();
            inputs.Add(reader.TokenType == JsonTokenType.Null
                ? new InputRef { Identifier = identifier, AssetKey = first }
                : new InputRef { Identifier = identifier, ParentTaskKey = first, ParentTaskOutputIdentifier = reader.GetString() });
        }

        return new RawTask(key, function, owner, worker, rank, tag, ticks, offset, outputs, metadata, backend, inputs);
    }

    private static string Text(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetString()!;
    }

    private static int Number(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetInt32();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new InvalidDataException("A task batch of the workspace database ends early: the database is damaged.");
        }

        return reader.TokenType;
    }

    private static void Next(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        Next(ref reader);
        Expect(reader, expected);
    }

    private static void Expect(Utf8JsonReader reader, JsonTokenType expected)
    {
        if (reader.TokenType != expected)
        {
            throw new InvalidDataException($"A task batch of the workspace database has {reader.TokenType} where {expected} belongs: the database is damaged.");
        }
    }

    private readonly record struct RawTask(
        string Key, int Function, int Owner, int Worker, int Rank, int Tag, long CreationTicks, int OffsetMinutes, int Outputs, int Metadata,
        int BackendType, List<InputRef> Inputs);
}
