namespace Substra.Build.Metadata;

/// <summary>What the generator recorded in an assembly: its functions (in declaration order) and its opener, if any.</summary>
internal sealed record SubstraAssemblyMetadata(IReadOnlyList<FunctionMetadata> Functions, IReadOnlyList<OpenerMetadata> Openers);
