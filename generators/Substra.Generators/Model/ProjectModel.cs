using Substra.Generators.Helpers;

namespace Substra.Generators.Model;

/// <summary>
/// Everything emitted for one project: functions sorted by name (duplicates dropped, they are reported),
/// the opener and startup if any, and the openers of referenced assemblies that an executable compiles in.
/// </summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record ProjectModel(
    string RootNamespace,
    bool EmitEntryPoint,
    EquatableArray<FunctionModel> Functions,
    OpenerModel? Opener,
    StartupModel? Startup,
    EquatableArray<ReferencedOpenerModel> ReferencedOpeners);
