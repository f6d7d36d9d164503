using Substra.Generators.Helpers;

namespace Substra.Generators.Model;

/// <summary>
/// A valid <c>[SubstraFunction]</c> method, reduced to what the emitter needs.
/// <paramref name="ContainingTypes"/> goes from the outermost type to the declaring type.
/// </summary>
/// <remarks>
/// Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching. It holds no
/// location, so that moving code around does not re-emit anything.
/// </remarks>
internal sealed record FunctionModel(
    string Name,
    string MethodName,
    bool IsStatic,
    string Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string DeclaringTypeName,
    EquatableArray<ParameterModel> Parameters,
    ReturnShape ReturnShape,
    string? ReturnPerformanceIdentifier,
    EquatableArray<InputModel> Inputs,
    EquatableArray<OutputModel> Outputs,
    string? Description)
{
    public bool UsesData => Parameters.Any(static p => p.Binding == ParameterBinding.Data);

    public bool ReadsPythonOpeners => Parameters.Any(static p => p.Python is not null);
}
