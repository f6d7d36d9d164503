using Substra.Generators.Helpers;

namespace Substra.Generators.Model;

/// <summary>
/// A Substra parameter or return attribute (<paramref name="Attribute"/>, e.g. <c>[ModelInput]</c>) on a method that
/// has no <c>[SubstraFunction]</c>: the method was probably meant to be a function.
/// </summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record UnmarkedAttribute(LocationInfo? MethodLocation, string Method, string Attribute);
