namespace Substra.Generators.Model;

/// <summary>A type that the generated partial declaration must reopen: its declaration keywords (<c>partial class</c>, <c>static partial class</c>, <c>partial record</c>…) and name.</summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record ContainingTypeModel(string Keyword, string Name);
