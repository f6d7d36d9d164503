namespace Substra.Generators.Model;

/// <summary>The MSBuild knobs the generator reads (<c>build_property.*</c>).</summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record GeneratorOptions(string? RootNamespace, bool GenerateEntryPoint);
