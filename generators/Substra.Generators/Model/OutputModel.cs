namespace Substra.Generators.Model;

/// <summary>A schema output; <paramref name="Kind"/> is the <c>Substra.Tools.Schema.AssetKind</c> member name.</summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record OutputModel(string Identifier, string Kind, bool Multiple);
