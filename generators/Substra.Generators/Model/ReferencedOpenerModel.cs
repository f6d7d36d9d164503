namespace Substra.Generators.Model;

/// <summary>
/// An opener factory of a referenced assembly (named by its <c>[assembly: SubstraOpenerMetadata]</c>), which a function
/// executable compiles in so that it runs without loading the opener artifact's assemblies (native apps).
/// </summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record ReferencedOpenerModel(string AssemblyName, string FactoryMetadataName, string FactoryTypeName);
