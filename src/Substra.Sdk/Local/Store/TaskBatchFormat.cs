using System.Buffers;
using System.Runtime.CompilerServices;
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
    /// <summary>
    /// Tasks per journaled batch: a plan is written as consecutive batches of at most this many tasks, each a few MB at
    /// most, so that neither its writing nor its reading needs arrays of tens of MB (large-object heap, full collections).
    /// </summary>
    public const int MaxTasksPerBatch = 8192;

    // Input encodings: the identifier's string index, then an asset (AssetInput, string index), a parent of the same
    // batch (BatchParentInput, its position, the output's string index), or another parent's key (a string) and the
    // output's string index. Batches of earlier versions wrote the identifier as a string: Read reads both.
    private const int AssetInput = 0;
    private const int BatchParentInput = 1;

    /// <summary>Writes <paramref name="count"/> tasks from <paramref name="start"/> as one batch to <paramref name="writer"/> (reset to <paramref name="destination"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(IReadOnlyList<TaskEntry> tasks, int start, int count, Utf8JsonWriter writer, IBufferWriter<byte> destination)
    {
        writer.Reset(destination);
        var outputs = new List<IReadOnlyDictionary<string, ComputeTaskOutput>>();
        var outputIndex = new IdentityMemo<IReadOnlyDictionary<string, ComputeTaskOutput>, int>(declared => Append(outputs, declared));
        var metadata = new List<IReadOnlyDictionary<string, string>>();
        var metadataIndex = new IdentityMemo<IReadOnlyDictionary<string, string>, int>(values => Append(metadata, values));
        var strings = new SharedStrings();
        var positions = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            positions[tasks[start + i].Key] = i;
        }

        writer.WriteStartObject();
        writer.WriteStartArray("tasks");
        for (var i = 0; i < count; i++)
        {
            var task = tasks[start + i];
            var outputsAt = outputIndex.Get(task.Outputs);
            var metadataAt = metadataIndex.Get(task.Metadata);

            writer.WriteStartArray();
            writer.WriteStringValue(task.Key);
            writer.WriteNumberValue(strings.IndexOf(task.Function.Key));
            writer.WriteNumberValue(strings.IndexOf(task.Owner));
            writer.WriteNumberValue(strings.IndexOf(task.Worker));
            writer.WriteNumberValue(task.Rank);
            writer.WriteNumberValue(strings.IndexOf(task.Tag));
            writer.WriteNumberValue(task.CreationDate.UtcTicks);
            writer.WriteNumberValue((int)task.CreationDate.Offset.TotalMinutes);
            writer.WriteNumberValue(outputsAt);
            writer.WriteNumberValue(metadataAt);
            writer.WriteNumberValue((int)task.BackendType);
            var inputs = task.Inputs;
            for (var j = 0; j < inputs.Length; j++)
            {
                var input = inputs[j];
                writer.WriteNumberValue(strings.IndexOf(input.Identifier));
                if (input.AssetKey is { } assetKey)
                {
                    writer.WriteNumberValue(AssetInput);
                    writer.WriteNumberValue(strings.IndexOf(assetKey));
                    continue;
                }

                var parentKey = input.ParentTaskKey!;
                if (positions.TryGetValue(parentKey, out var position) && position < i)
                {
                    writer.WriteNumberValue(BatchParentInput);
                    writer.WriteNumberValue(position);
                }
                else
                {
                    writer.WriteStringValue(parentKey);
                }

                writer.WriteNumberValue(strings.IndexOf(input.ParentTaskOutputIdentifier!));
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
        foreach (var value in strings.Values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static int Append<T>(List<T> items, T item)
    {
        items.Add(item);
        return items.Count - 1;
    }

    /// <summary>Reads a batch with a forward-only reader (no document is built: a batch of 100,000 tasks is tens of MB).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<StoredTask> Read(ReadOnlySpan<byte> batch)
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
        var assets = new Dictionary<long, InputRef>();
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
                Inputs: Inputs(task.Inputs, strings, raw, assets)));
        }

        return tasks;
    }

    // One task as written: [key, function, owner, worker, rank, tag, ticks, offset, outputs, metadata, backend, inputs…]
    // with the inputs encoded as Write says.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        var inputs = new List<RawInput>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                // A batch of an earlier version: identifier, then asset key and null, or parent key and parent output.
                var identifier = reader.GetString()!;
                var first = Text(ref reader);
                reader.Read();
                inputs.Add(reader.TokenType == JsonTokenType.Null
                    ? new RawInput(new InputRef { Identifier = identifier, AssetKey = first })
                    : new RawInput(new InputRef { Identifier = identifier, ParentTaskKey = first, ParentTaskOutputIdentifier = reader.GetString() }));
                continue;
            }

            var identifierAt = reader.GetInt32();
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                var parentKey = reader.GetString()!;
                inputs.Add(new RawInput(identifierAt, RawInputKind.OtherParent, 0, Number(ref reader), parentKey));
                continue;
            }

            var kind = reader.GetInt32();
            if (kind == AssetInput)
            {
                inputs.Add(new RawInput(identifierAt, RawInputKind.Asset, Number(ref reader), 0, null));
            }
            else if (kind == BatchParentInput)
            {
                var position = Number(ref reader);
                inputs.Add(new RawInput(identifierAt, RawInputKind.BatchParent, position, Number(ref reader), null));
            }
            else
            {
                throw new InvalidDataException($"A task batch of the workspace database has an input of unknown kind {kind}: the database is damaged.");
            }
        }

        return new RawTask(key, function, owner, worker, rank, tag, ticks, offset, outputs, metadata, backend, inputs);
    }

    private static InputRef[] Inputs(List<RawInput> raw, List<string> strings, List<RawTask> tasks, Dictionary<long, InputRef> assets)
    {
        var inputs = new InputRef[raw.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = raw[i];
            inputs[i] = input.Kind switch
            {
                RawInputKind.Decoded => input.Decoded!,
                // The same asset input repeats from task to task (an opener, a data sample): one immutable instance.
                RawInputKind.Asset => assets.TryGetValue(((long)input.Identifier << 32) | (uint)input.Value, out var shared) ? shared
                    : assets[((long)input.Identifier << 32) | (uint)input.Value] = new InputRef { Identifier = At(strings, input.Identifier), AssetKey = At(strings, input.Value) },
                RawInputKind.BatchParent => new InputRef
                {
                    Identifier = At(strings, input.Identifier),
                    ParentTaskKey = input.Value >= 0 && input.Value < tasks.Count ? tasks[input.Value].Key
                        : throw new InvalidDataException("A task batch of the workspace database names a parent outside the batch: the database is damaged."),
                    ParentTaskOutputIdentifier = At(strings, input.Output),
                },
                _ => new InputRef { Identifier = At(strings, input.Identifier), ParentTaskKey = input.ParentKey, ParentTaskOutputIdentifier = At(strings, input.Output) },
            };
        }

        return inputs;
    }

    private static string At(List<string> strings, int index) =>
        index >= 0 && index < strings.Count ? strings[index]
        : throw new InvalidDataException("A task batch of the workspace database refers to a string it does not hold: the database is damaged.");

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
        int BackendType, List<RawInput> Inputs);

    private enum RawInputKind
    {
        Decoded,
        Asset,
        BatchParent,
        OtherParent,
    }

    // An input as read, resolved once the batch's strings and tasks are known.
    private readonly record struct RawInput(int Identifier, RawInputKind Kind, int Value, int Output, string? ParentKey, InputRef? Decoded = null)
    {
        public RawInput(InputRef decoded)
            : this(0, RawInputKind.Decoded, 0, 0, null, decoded)
        {
        }
    }

    /// <summary>The strings that repeat from task to task, each written once; the same instance is found without hashing its text.</summary>
    private sealed class SharedStrings
    {
        private readonly RecentByIdentity<string, int> _recent = new();
        private readonly Dictionary<string, int> _byValue = new(StringComparer.Ordinal);

        public List<string> Values { get; } = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int IndexOf(string value)
        {
            if (_recent.TryGet(value, out var at))
            {
                return at;
            }

            if (!_byValue.TryGetValue(value, out at))
            {
                _byValue[value] = at = Values.Count;
                Values.Add(value);
            }

            _recent.Set(value, at);
            return at;
        }
    }
}
