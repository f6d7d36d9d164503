using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Substra.Sdk.Remote.Tests.Platform;

/// <summary>The fake platform's in-memory state: assets by server type in insertion order, and file contents.</summary>
public sealed class PlatformStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<JsonObject>> _assets = new();
    private readonly Dictionary<(string Type, string Key), int> _index = new();

    /// <summary>Small files by URL path (archives, openers, descriptions).</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    /// <summary>Model files produced on the fly: model key → length in bytes.</summary>
    public ConcurrentDictionary<string, long> GeneratedModels { get; } = new();

    public ConcurrentDictionary<string, string> TaskLogs { get; } = new();

    /// <summary>Rows of <c>/compute_plan/{key}/perf/</c>.</summary>
    public ConcurrentDictionary<string, JsonArray> Performances { get; } = new();

    public ConcurrentDictionary<string, JsonArray> InputAssets { get; } = new();

    public ConcurrentDictionary<string, JsonArray> OutputAssets { get; } = new();

    public JsonArray Organizations { get; set; } = new();

    public void Put(string type, JsonObject asset)
    {
        var key = (string)asset["key"]!;
        lock (_gate)
        {
            if (!_assets.TryGetValue(type, out var list))
            {
                _assets[type] = list = new List<JsonObject>();
            }
            if (_index.TryGetValue((type, key), out var index))
            {
                list[index] = asset;
            }
            else
            {
                _index[(type, key)] = list.Count;
                list.Add(asset);
            }
        }
    }

    public JsonObject? Get(string type, string key)
    {
        lock (_gate)
        {
            return _index.TryGetValue((type, key), out var index) ? _assets[type][index] : null;
        }
    }

    public IReadOnlyList<JsonObject> All(string type)
    {
        lock (_gate)
        {
            return _assets.TryGetValue(type, out var list) ? list.ToList() : [];
        }
    }

    public int Count(string type) => All(type).Count;
}
