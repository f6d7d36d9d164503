using Substra.Generators.Helpers;

namespace Substra.Generators.Model;

/// <summary>A function's name and where it is declared, for the project-wide duplicate-name check.</summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record FunctionKey(string Name, LocationInfo? Location);
