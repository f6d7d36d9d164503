namespace Substra.Generators.Model;

/// <summary>A valid <c>[SubstraStartup]</c> class.</summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record StartupModel(string TypeName);
