using Substra.Generators.Helpers;

namespace Substra.Generators.Model;

/// <summary>The only facts taken from the Compilation, so that it never flows through the pipeline.</summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
/// <param name="IsExecutable">Whether the project builds an executable.</param>
/// <param name="AssemblyName">The assembly name.</param>
/// <param name="ReferencedOpeners">Opener factories of referenced assemblies; looked for in executables only.</param>
internal sealed record CompilationInfo(bool IsExecutable, string? AssemblyName, EquatableArray<ReferencedOpenerModel> ReferencedOpeners);
