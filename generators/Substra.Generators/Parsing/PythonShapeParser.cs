using Microsoft.CodeAnalysis;
using Substra.Generators.Helpers;
using Substra.Generators.Model;

namespace Substra.Generators.Parsing;

/// <summary>
/// Decides how the Python bridge feeds a <c>[DataSamples(PythonOpener = true)]</c> parameter, or says why it cannot: the
/// reason becomes SUB019.
/// </summary>
internal static class PythonShapeParser
{
    public const string DataFrame = "global::Microsoft.Data.Analysis.DataFrame";
    public const string ColumnNameAttribute = "global::Substra.Tools.ColumnNameAttribute";

    public const string Supported =
        "use Microsoft.Data.Analysis.DataFrame, an array of double, float, long, int, bool, string or DateTime (T[], T[,] or T[][], "
        + "nullable elements allowed), a value tuple of these (for a Python tuple, or a dict by element name), or a list or array of "
        + "records whose properties bind to DataFrame columns";

    private const int MaxTupleDepth = 3;

    /// <summary>The shape, or <c>null</c> with <paramref name="reason"/> set.</summary>
    public static PythonShape? Parse(ITypeSymbol type, out string? reason) => Parse(type, 0, out reason);

    private static PythonShape? Parse(ITypeSymbol type, int depth, out string? reason)
    {
        reason = null;
        var typeName = type.ToDisplayString(KnownTypes.TypeFormat);
        if (KnownTypes.Is(type, DataFrame))
        {
            return Shape(PythonShapeKind.DataFrame, typeName);
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank == 2 && IsElement(array.ElementType))
            {
                return Shape(PythonShapeKind.Matrix, typeName, ElementName(array.ElementType), AllowsNull(array.ElementType));
            }

            if (array.Rank == 1 && IsElement(array.ElementType))
            {
                return Shape(PythonShapeKind.Vector, typeName, ElementName(array.ElementType), AllowsNull(array.ElementType));
            }

            if (array.Rank == 1 && array.ElementType is IArrayTypeSymbol { Rank: 1 } inner && IsElement(inner.ElementType))
            {
                return Shape(PythonShapeKind.Jagged, typeName, ElementName(inner.ElementType), AllowsNull(inner.ElementType));
            }

            if (array.Rank == 1 && IsRecordCandidate(array.ElementType))
            {
                return Records(array.ElementType, typeName, returnsList: false, out reason);
            }

            reason = $"an array of {array.ElementType.ToDisplayString()} with rank {array.Rank} is not supported; {Supported}";
            return null;
        }

        if (type is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            if (depth >= MaxTupleDepth)
            {
                reason = $"tuples nest at most {MaxTupleDepth} levels deep";
                return null;
            }

            if (tuple.TupleElements.Length is < 2 or > 7)
            {
                reason = $"a tuple of {tuple.TupleElements.Length} elements is not supported: use 2 to 7 elements";
                return null;
            }

            var elements = new List<PythonTupleElement>();
            foreach (var field in tuple.TupleElements)
            {
                var element = Parse(field.Type, depth + 1, out var elementReason);
                if (element is null)
                {
                    reason = $"the tuple element '{field.Name}' ({field.Type.ToDisplayString()}): {elementReason}";
                    return null;
                }

                elements.Add(new PythonTupleElement(field.IsExplicitlyNamedTupleElement ? field.Name : null, element));
            }

            return new PythonShape(PythonShapeKind.Tuple, typeName, null, false, elements.ToEquatableArray(),
                EquatableArray<PythonRecordMember>.Empty, false, false, null);
        }

        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } list && IsRecordList(list))
        {
            var record = list.TypeArguments[0];
            if (IsElement(record))
            {
                reason = $"a list of {record.ToDisplayString()} is not supported: use the array {record.ToDisplayString()}[]";
                return null;
            }

            if (!IsRecordCandidate(record))
            {
                reason = $"{record.ToDisplayString()} is not a record type (a class or struct with properties); {Supported}";
                return null;
            }

            // Lists a caller may add to get a List<T>; read-only views get the array itself.
            var mutable = KnownTypes.NameOfDefinition(list) is "global::System.Collections.Generic.List<T>"
                or "global::System.Collections.Generic.IList<T>" or "global::System.Collections.Generic.ICollection<T>";
            return Records(record, typeName, returnsList: mutable, out reason);
        }

        reason = IsRecordCandidate(type)
            ? $"a single {type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)} is not supported: read the DataFrame's rows as IReadOnlyList<{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}> or {type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}[]"
            : Supported;
        return null;
    }

    private static PythonShape? Records(ITypeSymbol record, string typeName, bool returnsList, out string? reason)
    {
        reason = null;
        var named = (INamedTypeSymbol)record;
        if (named.IsAbstract || named.IsGenericType || named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            reason = $"the record type {record.ToDisplayString()} must be a concrete, non-generic class, record or struct";
            return null;
        }

        var display = record.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        var members = new List<PythonRecordMember>();
        var publicConstructors = named.InstanceConstructors.Where(static c => c.DeclaredAccessibility == Accessibility.Public && !IsCopyConstructor(c)).ToList();
        var parameterless = named.TypeKind == TypeKind.Struct || publicConstructors.Any(static c => c.Parameters.Length == 0);
        var usesConstructor = !parameterless;
        if (parameterless)
        {
            foreach (var property in SettableProperties(named))
            {
                if (!IsElement(property.Type))
                {
                    reason = $"the property {display}.{property.Name} is {property.Type.ToDisplayString()}; record properties must be double, float, long, int, bool, string or DateTime (nullable allowed)";
                    return null;
                }

                members.Add(new PythonRecordMember(property.Name, ColumnName(property.GetAttributes()), ElementName(property.Type), AllowsNull(property.Type)));
            }
        }
        else
        {
            var widest = publicConstructors.OrderByDescending(static c => c.Parameters.Length).ToList();
            if (widest.Count == 0)
            {
                reason = $"the record type {display} has no public constructor";
                return null;
            }

            if (widest.Count > 1 && widest[0].Parameters.Length == widest[1].Parameters.Length)
            {
                reason = $"the record type {display} has several public constructors with {widest[0].Parameters.Length} parameters; keep one, or add a parameterless one and settable properties";
                return null;
            }

            foreach (var parameter in widest[0].Parameters)
            {
                if (!IsElement(parameter.Type))
                {
                    reason = $"the constructor parameter {display}({parameter.Name}) is {parameter.Type.ToDisplayString()}; record members must be double, float, long, int, bool, string or DateTime (nullable allowed)";
                    return null;
                }

                // A positional record's attribute may sit on the parameter or, with [property: …], on its property.
                var property = named.GetMembers(parameter.Name).OfType<IPropertySymbol>().FirstOrDefault();
                var column = ColumnName(parameter.GetAttributes()) ?? (property is null ? null : ColumnName(property.GetAttributes()));
                members.Add(new PythonRecordMember(parameter.Name, column, ElementName(parameter.Type), AllowsNull(parameter.Type)));
            }
        }

        if (members.Count == 0)
        {
            reason = $"the record type {display} has no settable public property and no constructor parameter to bind columns to";
            return null;
        }

        return new PythonShape(PythonShapeKind.Records, typeName, record.ToDisplayString(KnownTypes.TypeFormat), false,
            EquatableArray<PythonTupleElement>.Empty, members.ToEquatableArray(), usesConstructor, returnsList, display);
    }

    private static IEnumerable<IPropertySymbol> SettableProperties(INamedTypeSymbol type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (!property.IsStatic && !property.IsIndexer && property.DeclaredAccessibility == Accessibility.Public
                    && property.SetMethod is { DeclaredAccessibility: Accessibility.Public } && property.Name != "EqualityContract"
                    && seen.Add(property.Name))
                {
                    yield return property;
                }
            }
        }
    }

    private static bool IsCopyConstructor(IMethodSymbol constructor)
        => constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, constructor.ContainingType);

    private static bool IsRecordList(INamedTypeSymbol type)
        => KnownTypes.NameOfDefinition(type) is
            "global::System.Collections.Generic.IReadOnlyList<T>"
            or "global::System.Collections.Generic.IList<T>"
            or "global::System.Collections.Generic.List<T>"
            or "global::System.Collections.Generic.IEnumerable<T>"
            or "global::System.Collections.Generic.ICollection<T>"
            or "global::System.Collections.Generic.IReadOnlyCollection<T>";

    /// <summary>A user type that could hold one row: not abstract, not a framework type, not a collection.</summary>
    private static bool IsRecordCandidate(ITypeSymbol type)
        => type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsTupleType: false, IsAbstract: false } named
           && named.SpecialType == SpecialType.None
           && !(named.ContainingNamespace?.ToDisplayString() is "System" || named.ContainingNamespace?.ToDisplayString().StartsWith("System.", StringComparison.Ordinal) == true)
           && !KnownTypes.Is(named, DataFrame)
           && named.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
           && KnownTypes.ListElement(named) is null;

    /// <summary>double, float, long, int, bool, string, DateTime, or a nullable one of the value types.</summary>
    private static bool IsElement(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return IsElement(nullable.TypeArguments[0]) && nullable.TypeArguments[0].IsValueType;
        }

        return type.SpecialType is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int64
            or SpecialType.System_Int32 or SpecialType.System_Boolean or SpecialType.System_String or SpecialType.System_DateTime;
    }

    /// <summary>The generic argument for the runtime's conversions: nullable value types keep their '?', strings lose it.</summary>
    private static string ElementName(ITypeSymbol type)
        => type.SpecialType == SpecialType.System_String ? "string" : type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static bool AllowsNull(ITypeSymbol type)
        => type.SpecialType == SpecialType.System_String && type.NullableAnnotation == NullableAnnotation.Annotated;

    private static string? ColumnName(System.Collections.Immutable.ImmutableArray<AttributeData> attributes)
        => KnownTypes.Find(attributes, ColumnNameAttribute)?.ConstructorArguments.FirstOrDefault().Value as string;

    private static PythonShape Shape(PythonShapeKind kind, string typeName, string? element = null, bool allowMissingStrings = false)
        => new(kind, typeName, element, allowMissingStrings, EquatableArray<PythonTupleElement>.Empty, EquatableArray<PythonRecordMember>.Empty, false, false, null);
}
