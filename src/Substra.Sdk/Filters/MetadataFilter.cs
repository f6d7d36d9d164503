namespace Substra.Sdk.Filters;

/// <summary>A condition on an asset's metadata: the key exists, equals <see cref="Value"/>, or contains it.</summary>
public sealed record MetadataFilter(string Key, MetadataFilterType Type, string? Value = null);
