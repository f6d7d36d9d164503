using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;
using Substra.Tools.Schema;

namespace Substra.Sdk;

/// <summary>Converts the SDK's enums to and from their wire strings (<c>STATUS_DONE</c>, <c>ASSET_MODEL</c>, <c>remote</c>…).</summary>
public static class WireNames
{
    /// <summary>The wire string of <paramref name="value"/>.</summary>
    public static string ToWireName<TEnum>(this TEnum value) where TEnum : struct, Enum
        => Cache<TEnum>.ToWire.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} is not a defined {typeof(TEnum).Name}.");

    /// <summary>Parses a wire string (exact, case-sensitive, as the platform sends it).</summary>
    public static bool TryParseWireName<TEnum>(string? wireName, out TEnum value) where TEnum : struct, Enum
    {
        if (wireName is not null && Cache<TEnum>.FromWire.TryGetValue(wireName, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Every wire string of <typeparamref name="TEnum"/>, in declaration order.</summary>
    public static IReadOnlyList<string> AllWireNames<TEnum>() where TEnum : struct, Enum => Cache<TEnum>.Names;

    /// <summary>Parses a wire string or throws an <see cref="ArgumentException"/> listing the valid values.</summary>
    public static TEnum ParseWireName<TEnum>(string wireName) where TEnum : struct, Enum
        => TryParseWireName<TEnum>(wireName, out var value)
            ? value
            : throw new ArgumentException(
                $"'{wireName}' is not a valid {typeof(TEnum).Name}; valid values are: {string.Join(", ", Cache<TEnum>.Names)}.",
                nameof(wireName));

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ToWire = Build();
        public static readonly FrozenDictionary<string, TEnum> FromWire =
            ToWire.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
        public static readonly string[] Names = Enum.GetValues<TEnum>().Select(value => ToWire[value]).ToArray();

        private static FrozenDictionary<TEnum, string> Build()
        {
            if (typeof(TEnum) == typeof(AssetKind))
            {
                // AssetKind lives in Substra.Tools, which carries no JSON attributes.
                var kinds = new Dictionary<AssetKind, string>
                {
                    [AssetKind.Model] = "ASSET_MODEL",
                    [AssetKind.Performance] = "ASSET_PERFORMANCE",
                    [AssetKind.DataManager] = "ASSET_DATA_MANAGER",
                    [AssetKind.DataSample] = "ASSET_DATA_SAMPLE",
                };
                return kinds.ToFrozenDictionary(pair => (TEnum)(object)pair.Key, pair => pair.Value);
            }

            var map = new Dictionary<TEnum, string>();
            foreach (var field in typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var value = (TEnum)field.GetValue(null)!;
                map[value] = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;
            }

            return map.ToFrozenDictionary();
        }
    }
}
