namespace Substra.Generators.Helpers;

/// <summary>
/// What parsing one attributed declaration gives: a model (null when invalid), its diagnostics, and where it is declared
/// (for project-wide checks such as duplicate names).
/// </summary>
internal sealed record Result<T>(T? Value, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? Location)
    where T : class, IEquatable<T>;
