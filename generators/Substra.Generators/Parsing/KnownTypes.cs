using Microsoft.CodeAnalysis;

namespace Substra.Generators.Parsing;

/// <summary>Names of the Substra.Tools types the generator recognises, and symbol tests on them.</summary>
internal static class KnownTypes
{
    public const string SubstraFunctionAttribute = "Substra.Tools.SubstraFunctionAttribute";
    public const string SubstraOpenerAttribute = "Substra.Tools.SubstraOpenerAttribute";
    public const string SubstraStartupAttribute = "Substra.Tools.SubstraStartupAttribute";
    public const string DataSamplesAttribute = "global::Substra.Tools.DataSamplesAttribute";
    public const string ModelInputAttribute = "global::Substra.Tools.ModelInputAttribute";
    public const string ModelOutputAttribute = "global::Substra.Tools.ModelOutputAttribute";
    public const string PerformanceOutputAttribute = "global::Substra.Tools.PerformanceOutputAttribute";
    public const string PerformanceOutput = "global::Substra.Tools.PerformanceOutput";
    public const string TaskProperties = "global::Substra.Tools.TaskProperties";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string Stream = "global::System.IO.Stream";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    public const string TaskOfT = "global::System.Threading.Tasks.Task<TResult>";
    public const string ValueTaskOfT = "global::System.Threading.Tasks.ValueTask<TResult>";
    public const string IOpenerOfT = "global::Substra.Tools.IOpener<TData>";
    public const string ISubstraStartup = "global::Substra.Tools.ISubstraStartup";

    /// <summary>Fully qualified, with nullable annotations kept, for emitted code.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Name(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    public static string NameOfDefinition(ITypeSymbol type) => Name(type.OriginalDefinition);

    public static bool Is(ITypeSymbol type, string fullName) => Name(type) == fullName;

    /// <summary>The element type when <paramref name="type"/> is an array or a generic collection interface/list; else null.</summary>
    public static ITypeSymbol? ListElement(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && NameOfDefinition(named) is
                "global::System.Collections.Generic.IReadOnlyList<T>"
                or "global::System.Collections.Generic.IList<T>"
                or "global::System.Collections.Generic.List<T>"
                or "global::System.Collections.Generic.IEnumerable<T>"
                or "global::System.Collections.Generic.ICollection<T>"
                or "global::System.Collections.Generic.IReadOnlyCollection<T>")
        {
            return named.TypeArguments[0];
        }

        return null;
    }

    /// <summary>Whether <paramref name="type"/> is exactly <c>IReadOnlyList&lt;T&gt;</c>, the supported multiple-input type.</summary>
    public static ITypeSymbol? ReadOnlyListElement(ITypeSymbol type)
        => type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
           && NameOfDefinition(named) == "global::System.Collections.Generic.IReadOnlyList<T>"
            ? named.TypeArguments[0]
            : null;

    public static AttributeData? Find(System.Collections.Immutable.ImmutableArray<AttributeData> attributes, string fullName)
        => attributes.FirstOrDefault(a => a.AttributeClass is not null && Is(a.AttributeClass, fullName));
}
