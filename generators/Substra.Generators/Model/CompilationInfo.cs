namespace Substra.Generators.Model;

/// <summary>The only facts taken from the Compilation, so that it never flows through the pipeline.</summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record CompilationInfo(bool IsExecutable, string? AssemblyName);
