namespace Substra.Generators.Helpers;

/// <summary>
/// What parsing one attributed declaration gives: a model (null when invalid), its diagnostics, and where it is declared
/// (for project-wide checks; for a function, where its name is written, since those checks are about names).
/// </summary>
internal sealed record Result<T>(T? Value, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? Location)
    where T : class, IEquatable<T>;
