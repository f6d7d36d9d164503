namespace Substra.Generators.Model;

/// <summary>
/// One function parameter. <paramref name="Identifier"/> is the input/output identifier (null for task properties,
/// cancellation and data); <paramref name="DataTypeName"/> is the fully qualified type for <see cref="ParameterBinding.Data"/>;
/// <paramref name="Python"/> is the bridge conversion when the data parameter accepts Python openers.
/// </summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record ParameterModel(ParameterBinding Binding, string? Identifier, string? DataTypeName, bool Optional, PythonShape? Python = null);
