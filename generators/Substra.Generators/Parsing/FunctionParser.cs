using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Substra.Generators.Diagnostics;
using Substra.Generators.Helpers;
using Substra.Generators.Model;

namespace Substra.Generators.Parsing;

/// <summary>Turns a <c>[SubstraFunction]</c> method into a <see cref="FunctionModel"/>, or into diagnostics saying how to fix it.</summary>
internal static class FunctionParser
{
    private const string DefaultPerformanceIdentifier = "performance";

    public static Result<FunctionModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var location = LocationInfo.From(method.Locations.FirstOrDefault());
        var diagnostics = new List<DiagnosticInfo>();
        var methodDisplay = method.ContainingType.Name + "." + method.Name;

        var attribute = context.Attributes[0];
        var name = attribute.ConstructorArguments.FirstOrDefault().Value as string;
        var nameLocation = AttributeLocations.FirstArgument(attribute, cancellationToken) ?? location;
        if (string.IsNullOrWhiteSpace(name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyName, nameLocation, "function name", methodDisplay));
        }
        else if (ArtifactName.Problem(name!) is { } nameProblem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidName, nameLocation, "function", name!, nameProblem));
        }

        var containingTypes = ParseContainingTypes(method, location, diagnostics);
        CheckAccessibility(method, location, methodDisplay, diagnostics);
        if (!method.IsStatic && method.ContainingType.IsAbstract)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AbstractDeclaringClass, location, methodDisplay));
        }

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericFunction, location, methodDisplay));
        }

        cancellationToken.ThrowIfCancellationRequested();

        var parameters = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            var parameterModel = ParseParameter(parameter, parameters, diagnostics);
            if (parameterModel is not null)
            {
                parameters.Add(parameterModel);
            }
        }

        var (returnShape, returnPerformance) = ParseReturn(method, location, methodDisplay, diagnostics);

        var inputs = new List<InputModel>();
        var outputs = new List<OutputModel>();
        if (parameters.Any(static p => p.Binding == ParameterBinding.Data))
        {
            inputs.Add(new InputModel("opener", "DataManager", Multiple: false, Optional: false));
            inputs.Add(new InputModel("datasamples", "DataSample", Multiple: true, Optional: false));
        }

        foreach (var parameter in parameters)
        {
            switch (parameter.Binding)
            {
                case ParameterBinding.InputPath or ParameterBinding.InputStream:
                    inputs.Add(new InputModel(parameter.Identifier!, "Model", Multiple: false, parameter.Optional));
                    break;
                case ParameterBinding.InputPaths or ParameterBinding.InputStreams:
                    inputs.Add(new InputModel(parameter.Identifier!, "Model", Multiple: true, parameter.Optional));
                    break;
                case ParameterBinding.OutputPath or ParameterBinding.OutputStream:
                    outputs.Add(new OutputModel(parameter.Identifier!, "Model", Multiple: false));
                    break;
                case ParameterBinding.PerformanceOutput:
                    outputs.Add(new OutputModel(parameter.Identifier!, "Performance", Multiple: false));
                    break;
            }
        }

        if (returnPerformance is not null)
        {
            outputs.Add(new OutputModel(returnPerformance, "Performance", Multiple: false));
        }

        var functionName = name ?? string.Empty;
        ReportDuplicates(functionName, "input", inputs.Select(static i => i.Identifier), location, diagnostics);
        ReportDuplicates(functionName, "output", outputs.Select(static o => o.Identifier), location, diagnostics);

        if (diagnostics.Count > 0)
        {
            return new Result<FunctionModel>(null, diagnostics.ToEquatableArray(), nameLocation);
        }

        var declaringType = method.ContainingType;
        var model = new FunctionModel(
            functionName,
            method.Name,
            method.IsStatic,
            declaringType.ContainingNamespace.IsGlobalNamespace ? string.Empty : declaringType.ContainingNamespace.ToDisplayString(),
            containingTypes.ToEquatableArray(),
            KnownTypes.Name(declaringType),
            parameters.ToEquatableArray(),
            returnShape,
            returnPerformance,
            inputs.ToEquatableArray(),
            outputs.ToEquatableArray(),
            DocumentationReader.Read(context.TargetNode));
        return new Result<FunctionModel>(model, EquatableArray<DiagnosticInfo>.Empty, nameLocation);
    }

    private static List<ContainingTypeModel> ParseContainingTypes(IMethodSymbol method, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var types = new List<ContainingTypeModel>();
        var isDeclaringType = true;
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            var isPartial = type.DeclaringSyntaxReferences
                .Select(static r => r.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .Any(static t => t.Modifiers.Any(SyntaxKind.PartialKeyword));
            var isClass = type.TypeKind == TypeKind.Class;
            if (!isPartial || (isDeclaringType && !isClass) || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotPartial, location, type.ToDisplayString()));
            }

            if (type.IsGenericType)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericFunction, location, method.ContainingType.Name + "." + method.Name));
            }

            var keyword = (type.TypeKind, type.IsRecord, type.IsStatic) switch
            {
                (TypeKind.Struct, true, _) => "partial record struct",
                (TypeKind.Struct, false, _) => "partial struct",
                (_, true, _) => "partial record",
                (_, _, true) => "static partial class",
                _ => "partial class",
            };
            types.Insert(0, new ContainingTypeModel(keyword, type.Name));
            isDeclaringType = false;
        }

        return types;
    }

    private static void CheckAccessibility(IMethodSymbol method, LocationInfo? location, string methodDisplay, List<DiagnosticInfo> diagnostics)
    {
        static bool IsReachable(Accessibility accessibility)
            => accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

        var reachable = IsReachable(method.DeclaredAccessibility);
        for (var type = method.ContainingType; type is not null && reachable; type = type.ContainingType)
        {
            reachable = !type.IsFileLocal && IsReachable(type.DeclaredAccessibility);
        }

        if (!reachable)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FunctionNotAccessible, location, methodDisplay));
        }
    }

    private static ParameterModel? ParseParameter(IParameterSymbol parameter, List<ParameterModel> previous, List<DiagnosticInfo> diagnostics)
    {
        var location = LocationInfo.From(parameter.Locations.FirstOrDefault());
        var type = parameter.Type;
        var typeDisplay = type.ToDisplayString();
        var attributes = parameter.GetAttributes();
        var data = KnownTypes.Find(attributes, KnownTypes.DataSamplesAttribute);
        var input = KnownTypes.Find(attributes, KnownTypes.ModelInputAttribute);
        var output = KnownTypes.Find(attributes, KnownTypes.ModelOutputAttribute);
        var performance = KnownTypes.Find(attributes, KnownTypes.PerformanceOutputAttribute);

        DiagnosticInfo Unsupported(string reason)
            => DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameter, location, parameter.Name, typeDisplay, reason);

        var bindingCount = (data is null ? 0 : 1) + (input is null ? 0 : 1) + (output is null ? 0 : 1) + (performance is null ? 0 : 1);
        if (bindingCount > 1)
        {
            diagnostics.Add(Unsupported("it has several of [DataSamples], [ModelInput], [ModelOutput] and [PerformanceOutput]; keep exactly one"));
            return null;
        }

        if (parameter.RefKind != RefKind.None || parameter.IsParams)
        {
            diagnostics.Add(Unsupported("ref, out, in and params parameters are not supported; pass it by value"));
            return null;
        }

        if (data is not null)
        {
            if (previous.Any(static p => p.Binding == ParameterBinding.Data))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDataSamples, location,
                    $"The parameter '{parameter.Name}' is a second [DataSamples] parameter"));
                return null;
            }

            var isNullable = type.NullableAnnotation == NullableAnnotation.Annotated
                || (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T });
            if (isNullable)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDataSamples, location,
                    $"The [DataSamples] parameter '{parameter.Name}' is nullable, which would make the opener optional"));
                return null;
            }

            if (data.NamedArguments.FirstOrDefault(static a => a.Key == "PythonOpener").Value.Value is true)
            {
                var shape = PythonShapeParser.Parse(type, out var reason);
                if (shape is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedPythonData, location, parameter.Name, typeDisplay, reason ?? PythonShapeParser.Supported));
                    return null;
                }

                return new ParameterModel(ParameterBinding.Data, null, type.ToDisplayString(KnownTypes.TypeFormat), Optional: false, shape);
            }

            if (KnownTypes.ListElement(type) is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDataSamples, location,
                    $"The [DataSamples] parameter '{parameter.Name}' is a list, which would make the opener multiple (wrap the samples in a type of your own)"));
                return null;
            }

            return new ParameterModel(ParameterBinding.Data, null, type.ToDisplayString(KnownTypes.TypeFormat), Optional: false);
        }

        if (input is not null)
        {
            var identifier = CheckIdentifier(input, parameter, "model input", location, diagnostics);
            var optional = input.NamedArguments.FirstOrDefault(static a => a.Key == "Optional").Value.Value is true;
            var element = KnownTypes.ReadOnlyListElement(type);
            ParameterBinding? binding = KnownTypes.Is(type, "string") ? ParameterBinding.InputPath
                : KnownTypes.Is(type, KnownTypes.Stream) ? ParameterBinding.InputStream
                : element is not null && KnownTypes.Is(element, "string") ? ParameterBinding.InputPaths
                : element is not null && KnownTypes.Is(element, KnownTypes.Stream) ? ParameterBinding.InputStreams
                : null;
            if (binding is null)
            {
                diagnostics.Add(Unsupported("a [ModelInput] parameter must be a string (path), a Stream (opened for reading), IReadOnlyList<string> or IReadOnlyList<Stream> (multiple input)"));
                return null;
            }

            if (optional && binding is (ParameterBinding.InputPath or ParameterBinding.InputStream)
                && type.NullableAnnotation == NullableAnnotation.NotAnnotated)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionalInputNotNullable, location, identifier ?? string.Empty, parameter.Name, typeDisplay));
                return null;
            }

            return identifier is null ? null : new ParameterModel(binding.Value, identifier, null, optional);
        }

        if (output is not null)
        {
            var identifier = CheckIdentifier(output, parameter, "model output", location, diagnostics);
            ParameterBinding? binding = KnownTypes.Is(type, "string") ? ParameterBinding.OutputPath
                : KnownTypes.Is(type, KnownTypes.Stream) ? ParameterBinding.OutputStream
                : null;
            if (binding is null)
            {
                diagnostics.Add(Unsupported("a [ModelOutput] parameter must be a string (the path to write) or a Stream (a new file opened for writing)"));
                return null;
            }

            return identifier is null ? null : new ParameterModel(binding.Value, identifier, null, Optional: false);
        }

        if (performance is not null)
        {
            var identifier = CheckIdentifier(performance, parameter, "performance output", location, diagnostics);
            if (KnownTypes.ListElement(type) is { } element && KnownTypes.Is(element, KnownTypes.PerformanceOutput))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultiplePerformanceOutput, location, identifier ?? parameter.Name));
                return null;
            }

            if (!KnownTypes.Is(type, KnownTypes.PerformanceOutput))
            {
                diagnostics.Add(Unsupported("a [PerformanceOutput] parameter must be of type Substra.Tools.PerformanceOutput (call Report(value) on it), or put the attribute on a double return value"));
                return null;
            }

            return identifier is null ? null : new ParameterModel(ParameterBinding.PerformanceOutput, identifier, null, Optional: false);
        }

        if (KnownTypes.Is(type, KnownTypes.TaskProperties))
        {
            return new ParameterModel(ParameterBinding.TaskProperties, null, null, Optional: false);
        }

        if (KnownTypes.Is(type, KnownTypes.CancellationToken))
        {
            return new ParameterModel(ParameterBinding.CancellationToken, null, null, Optional: false);
        }

        diagnostics.Add(Unsupported(KnownTypes.Is(type, KnownTypes.PerformanceOutput)
            ? "add [PerformanceOutput(\"identifier\")] to declare which output it is"
            : "mark it [DataSamples], [ModelInput(\"id\")], [ModelOutput(\"id\")] or [PerformanceOutput(\"id\")], or use TaskProperties or CancellationToken; services come through the class constructor"));
        return null;
    }

    private static string? CheckIdentifier(AttributeData attribute, IParameterSymbol parameter, string what, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var identifier = attribute.ConstructorArguments.FirstOrDefault().Value as string;
        return CheckIdentifier(identifier, parameter.Name, what, location, diagnostics);
    }

    private static string? CheckIdentifier(string? identifier, string owner, string what, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (string.IsNullOrWhiteSpace(identifier))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyName, location, what + " identifier", owner));
            return null;
        }

        var reservedFor = identifier switch
        {
            "opener" => "opener (data manager) input",
            "datasamples" => "data samples input",
            "chainkeys" => "chain keys of secure aggregation",
            _ => null,
        };
        if (reservedFor is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReservedIdentifier, location, identifier!, reservedFor, what));
            return null;
        }

        return identifier;
    }

    private static (ReturnShape Shape, string? PerformanceIdentifier) ParseReturn(
        IMethodSymbol method, LocationInfo? location, string methodDisplay, List<DiagnosticInfo> diagnostics)
    {
        var type = method.ReturnType;
        var attribute = KnownTypes.Find(method.GetReturnTypeAttributes(), KnownTypes.PerformanceOutputAttribute);
        var resultType = type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && KnownTypes.NameOfDefinition(named) is KnownTypes.TaskOfT or KnownTypes.ValueTaskOfT
                ? named.TypeArguments[0]
                : null;

        ReturnShape? shape = method.ReturnsVoid ? ReturnShape.Void
            : type.SpecialType == SpecialType.System_Double ? ReturnShape.Double
            : KnownTypes.Is(type, KnownTypes.Task) ? ReturnShape.Task
            : KnownTypes.Is(type, KnownTypes.ValueTask) ? ReturnShape.ValueTask
            : resultType?.SpecialType == SpecialType.System_Double
                ? (KnownTypes.NameOfDefinition(type) == KnownTypes.TaskOfT ? ReturnShape.TaskOfDouble : ReturnShape.ValueTaskOfDouble)
            : null;

        if (shape is null)
        {
            var valueType = resultType ?? type;
            if (KnownTypes.ListElement(valueType) is { SpecialType: SpecialType.System_Double })
            {
                var identifier = attribute?.ConstructorArguments.FirstOrDefault().Value as string ?? DefaultPerformanceIdentifier;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultiplePerformanceOutput, location, identifier));
            }
            else
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location, methodDisplay, type.ToDisplayString(),
                    "return void, Task or ValueTask, or a performance as double, Task<double> or ValueTask<double>; write models through [ModelOutput] parameters"));
            }

            return (ReturnShape.Void, null);
        }

        // The host would get control back at the first await, and end the task before the outputs are written.
        if (method.IsAsync && method.ReturnsVoid)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AsyncVoidFunction, location, methodDisplay));
        }

        var returnsPerformance = shape is ReturnShape.Double or ReturnShape.TaskOfDouble or ReturnShape.ValueTaskOfDouble;
        if (!returnsPerformance)
        {
            if (attribute is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location, methodDisplay, type.ToDisplayString(),
                    "[return: PerformanceOutput] needs a double, Task<double> or ValueTask<double> return value; return the performance, or use a PerformanceOutput parameter"));
            }

            return (shape.Value, null);
        }

        var performanceIdentifier = attribute is null
            ? DefaultPerformanceIdentifier
            : CheckIdentifier(attribute.ConstructorArguments.FirstOrDefault().Value as string, methodDisplay, "performance output", location, diagnostics);
        return (shape.Value, performanceIdentifier);
    }

    private static void ReportDuplicates(string functionName, string what, IEnumerable<string> identifiers, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        foreach (var duplicate in identifiers.GroupBy(static i => i, StringComparer.Ordinal).Where(static g => g.Count() > 1).Select(static g => g.Key))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateIdentifier, location, functionName, what, duplicate));
        }
    }
}
