using Microsoft.CodeAnalysis;

namespace Substra.Generators.Diagnostics;

/// <summary>
/// Every diagnostic of the generator. Ids are stable: never renumber, add new ones at the end (and to
/// AnalyzerReleases.Unshipped.md, and a section to docs/generator.md, which the help link of each id points to).
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Substra";

    public static readonly DiagnosticDescriptor ReservedIdentifier = Error(
        "SUB001",
        "Reserved identifier",
        "The identifier '{0}' is reserved by Substra for the {1}; choose another identifier for this {2}");

    public static readonly DiagnosticDescriptor InvalidDataSamples = Error(
        "SUB002",
        "The opener input cannot be multiple or optional",
        "{0}: a task has exactly one opener, so a function takes at most one [DataSamples] parameter, of a non-nullable, non-list type (the TData its opener returns)");

    public static readonly DiagnosticDescriptor MultiplePerformanceOutput = Error(
        "SUB003",
        "A performance output cannot be multiple",
        "The performance output '{0}' is a list; a performance output holds one number: use a PerformanceOutput parameter or return double, and declare one output per metric");

    public static readonly DiagnosticDescriptor DuplicateFunctionName = Error(
        "SUB004",
        "Duplicate function name",
        "The function name '{0}' is also used by {1}; give each [SubstraFunction] method a unique name (it is what the platform registers and tasks refer to)");

    public static readonly DiagnosticDescriptor DuplicateIdentifier = Error(
        "SUB005",
        "Duplicate input or output identifier",
        "The function '{0}' declares the {1} identifier '{2}' more than once; identifiers must be unique among a function's {1}s, rename one of them");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
        "SUB006",
        "Unsupported parameter",
        "The parameter '{0}' of type '{1}' cannot be bound: {2}");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "SUB007",
        "Unsupported return type",
        "The function '{0}' returns '{1}': {2}");

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "SUB008",
        "The declaring type must be a partial class",
        "The type '{0}' contains a [SubstraFunction] method, so it must be declared 'partial' (a class, and every type containing it too): the generator adds its typed handles to it");

    public static readonly DiagnosticDescriptor FunctionNotAccessible = Error(
        "SUB009",
        "The function is not accessible",
        "The function method '{0}' must be public or internal, in public or internal types, so that the generated registry can call it");

    public static readonly DiagnosticDescriptor GenericFunction = Error(
        "SUB010",
        "Generic functions are not supported",
        "The function method '{0}' is generic or declared in a generic type; the registry cannot choose type arguments: make the method and its containing types non-generic");

    public static readonly DiagnosticDescriptor OpenerWithoutInterface = Error(
        "SUB011",
        "The opener does not implement IOpener<TData>",
        "The [SubstraOpener] class '{0}' must implement Substra.Tools.IOpener<TData>, where TData is the type functions receive through [DataSamples]");

    public static readonly DiagnosticDescriptor MultipleOpeners = Error(
        "SUB012",
        "More than one opener in the project",
        "The project declares several [SubstraOpener] classes ({0}); a data-provider project builds exactly one opener: move the others to projects of their own");

    public static readonly DiagnosticDescriptor MultipleStartups = Error(
        "SUB013",
        "More than one startup in the project",
        "The project declares several [SubstraStartup] classes ({0}); keep one and move the other registrations into it");

    public static readonly DiagnosticDescriptor EmptyName = Error(
        "SUB014",
        "Empty name or identifier",
        "The {0} on '{1}' is empty; give a non-empty name (it is what the platform registers and tasks refer to)");

    public static readonly DiagnosticDescriptor InvalidStartup = Error(
        "SUB015",
        "Invalid startup class",
        "The [SubstraStartup] class '{0}' {1}");

    public static readonly DiagnosticDescriptor OptionalInputNotNullable = Error(
        "SUB016",
        "An optional single input must be nullable",
        "The optional input '{0}' receives null when a task leaves it unset: declare the parameter '{1}' as '{2}?'");

    public static readonly DiagnosticDescriptor InvalidOpenerClass = Error(
        "SUB017",
        "The opener class cannot be instantiated",
        "The [SubstraOpener] class '{0}' {1}");

    public static readonly DiagnosticDescriptor AbstractDeclaringClass = Error(
        "SUB018",
        "Instance function in an abstract class",
        "The function method '{0}' is an instance method of an abstract class, which the task's container cannot create: make the class concrete or the method static");

    public static readonly DiagnosticDescriptor UnsupportedPythonData = Error(
        "SUB019",
        "The Python bridge cannot produce this parameter type",
        "The [DataSamples(PythonOpener = true)] parameter '{0}' has the type '{1}', which the Python bridge cannot produce: {2}");

    public static readonly DiagnosticDescriptor AsyncVoidFunction = Error(
        "SUB030",
        "A function cannot be async void",
        "The function method '{0}' is 'async void': the task cannot wait for it, so the task ends and checks its outputs before the method has written them, and an exception it throws kills the process; declare it 'async Task' (or 'async Task<double>' to return a performance)");

    public static readonly DiagnosticDescriptor AttributesWithoutFunction = Error(
        "SUB031",
        "Substra attributes on a method that is not a function",
        "The method '{0}' uses {1} but has no [SubstraFunction] attribute, so it is not a function: no archive is built for it and no task can run it; add [SubstraFunction(\"name\")] to it, or remove {2}");

    public static readonly DiagnosticDescriptor InvalidName = Error(
        "SUB032",
        "The name cannot name artifact files",
        "The {0} name '{1}' cannot name its artifact files: {2}; use ASCII letters, digits, '_', '-' and '.', starting with a letter or a digit, at most 128 characters");

    public static readonly DiagnosticDescriptor NamesDifferingOnlyInCase = Error(
        "SUB033",
        "Function names that differ only in case",
        "The function name '{0}' differs only in case from {1}: artifacts are files named after their function, and on case-insensitive file systems (Windows, macOS) they would overwrite each other; rename one of the functions");

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: SubstraDocumentation.Section(SubstraDocumentation.GeneratorPage, id));
}
