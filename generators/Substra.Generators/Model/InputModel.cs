namespace Substra.Generators.Model;

/// <summary>A schema input; <paramref name="Kind"/> is the <c>Substra.Tools.Schema.AssetKind</c> member name.</summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record InputModel(string Identifier, string Kind, bool Multiple, bool Optional);
