using Microsoft.CodeAnalysis;

namespace Substra.Generators.Helpers;

/// <summary>A diagnostic reduced to values (descriptor, location, message arguments), created again at report time.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        => new(descriptor, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
        => Diagnostic.Create(Descriptor, Location?.ToLocation(), Arguments.Select(static a => (object)a).ToArray());
}
