using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Substra.Generators.Diagnostics;
using Substra.Generators.Emit;
using Substra.Generators.Helpers;
using Substra.Generators.Model;
using Substra.Generators.Parsing;

namespace Substra.Generators;

/// <summary>
/// Generates, for <c>[SubstraFunction]</c> methods, <c>[SubstraOpener]</c> and <c>[SubstraStartup]</c> classes: the
/// function registry and dispatch, typed plan handles, DI registration, assembly metadata, the entry point of function
/// executables and the opener factory of data-provider projects.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SubstraGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => ReadOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        var compilationInfo = context.CompilationProvider
            .Select(static (compilation, cancellationToken) => CreateCompilationInfo(compilation, cancellationToken))
            .WithTrackingName(TrackingNames.CompilationInfo);

        // Functions: the model (no location, so moving code does not re-emit), keys for duplicate names, diagnostics.
        var functionResults = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.SubstraFunctionAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntax, cancellationToken) => FunctionParser.Parse(syntax, cancellationToken))
            .WithTrackingName(TrackingNames.FunctionResults);
        var functions = functionResults
            .Where(static r => r.Value is not null)
            .Select(static (r, _) => r.Value!)
            .WithTrackingName(TrackingNames.Functions);
        var functionKeys = functionResults
            .Where(static r => r.Value is not null)
            .Select(static (r, _) => FunctionKey.From(r.Value!, r.Location))
            .WithTrackingName(TrackingNames.FunctionKeys);
        var functionDiagnostics = functionResults
            .Select(static (r, _) => r.Diagnostics)
            .WithTrackingName(TrackingNames.FunctionDiagnostics);

        var unmarkedDiagnostics = FindUnmarkedFunctions(context)
            .Select(static (all, _) => UnmarkedFunctionChecks.Run(all))
            .WithTrackingName(TrackingNames.UnmarkedDiagnostics);

        var openerResults = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.SubstraOpenerAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntax, cancellationToken) => OpenerParser.Parse(syntax, cancellationToken))
            .WithTrackingName(TrackingNames.OpenerResults);
        var openerDiagnostics = openerResults
            .Select(static (r, _) => r.Diagnostics)
            .WithTrackingName(TrackingNames.OpenerDiagnostics);

        var startupResults = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.SubstraStartupAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntax, cancellationToken) => StartupParser.Parse(syntax, cancellationToken))
            .WithTrackingName(TrackingNames.StartupResults);
        var startupDiagnostics = startupResults
            .Select(static (r, _) => r.Diagnostics)
            .WithTrackingName(TrackingNames.StartupDiagnostics);

        var collectedFunctions = functions.Collect()
            .Select(static (all, _) => SortFunctions(all))
            .WithTrackingName(TrackingNames.CollectedFunctions);
        var collectedOpeners = openerResults.Collect()
            .Select(static (all, _) => Sort(all, static o => o.TypeName))
            .WithTrackingName(TrackingNames.CollectedOpeners);
        var collectedStartups = startupResults.Collect()
            .Select(static (all, _) => Sort(all, static s => s.TypeName))
            .WithTrackingName(TrackingNames.CollectedStartups);

        var projectDiagnostics = functionKeys.Collect()
            .Combine(collectedOpeners)
            .Combine(collectedStartups)
            .Select(static (input, _) => ProjectChecks.Run(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.ProjectDiagnostics);

        var project = collectedFunctions
            .Combine(collectedOpeners)
            .Combine(collectedStartups)
            .Combine(options)
            .Combine(compilationInfo)
            .Select(static (input, _) => CreateProject(
                input.Left.Left.Left.Left, input.Left.Left.Left.Right, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.Project);

        context.RegisterSourceOutput(functionDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));
        context.RegisterSourceOutput(openerDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));
        context.RegisterSourceOutput(startupDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));
        context.RegisterSourceOutput(projectDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));
        context.RegisterSourceOutput(unmarkedDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));
        context.RegisterSourceOutput(project, static (spc, model) => Execute(spc, model));
    }

    // Substra parameter and return attributes of methods without [SubstraFunction], all attributes together.
    private static IncrementalValueProvider<ImmutableArray<UnmarkedAttribute>> FindUnmarkedFunctions(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<ImmutableArray<UnmarkedAttribute>>? all = null;
        foreach (var (metadataName, display) in UnmarkedAttributeParser.Attributes)
        {
            var found = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    metadataName,
                    static (node, _) => UnmarkedAttributeParser.IsCandidate(node),
                    (syntax, cancellationToken) => UnmarkedAttributeParser.Parse(syntax, display, cancellationToken))
                .Where(static a => a is not null)
                .Select(static (a, _) => a!)
                .Collect()
                .WithTrackingName(TrackingNames.UnmarkedAttributes);
            all = all is null ? found : all.Value.Combine(found).Select(static (pair, _) => pair.Left.AddRange(pair.Right));
        }

        return all!.Value;
    }

    private static CompilationInfo CreateCompilationInfo(Compilation compilation, CancellationToken cancellationToken)
    {
        var executable = compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication;
        return new CompilationInfo(
            executable,
            compilation.AssemblyName,
            executable ? ReferencedOpenerFinder.Find(compilation, cancellationToken) : EquatableArray<ReferencedOpenerModel>.Empty);
    }

    private static GeneratorOptions ReadOptions(AnalyzerConfigOptions options)
    {
        options.TryGetValue("build_property.RootNamespace", out var rootNamespace);
        options.TryGetValue("build_property.SubstraGenerateEntryPoint", out var generateEntryPoint);
        var disabled = string.Equals(generateEntryPoint?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
        // The SDK's default RootNamespace is the project name as is: "my-fl.Functions" must still give a valid namespace.
        return new GeneratorOptions(string.IsNullOrWhiteSpace(rootNamespace) ? null : SanitizeNamespace(rootNamespace), !disabled);
    }

    private static EquatableArray<FunctionModel> SortFunctions(ImmutableArray<FunctionModel> functions)
        => functions
            .OrderBy(static f => f.Name, StringComparer.Ordinal)
            .ThenBy(static f => f.DeclaringTypeName, StringComparer.Ordinal)
            .ThenBy(static f => f.MethodName, StringComparer.Ordinal)
            .ToEquatableArray();

    // Valid declarations first, by type name (stable when files are renamed or reordered), then invalid ones by place.
    private static EquatableArray<Result<T>> Sort<T>(ImmutableArray<Result<T>> results, Func<T, string> typeName)
        where T : class, IEquatable<T>
        => results
            .OrderBy(r => r.Value is null ? 1 : 0)
            .ThenBy(r => r.Value is null ? string.Empty : typeName(r.Value), StringComparer.Ordinal)
            .ThenBy(static r => r.Location?.FilePath ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(static r => r.Location?.TextSpan.Start ?? 0)
            .ToEquatableArray();

    private static ProjectModel CreateProject(
        EquatableArray<FunctionModel> functions,
        EquatableArray<Result<OpenerModel>> openers,
        EquatableArray<Result<StartupModel>> startups,
        GeneratorOptions options,
        CompilationInfo compilation)
    {
        // A duplicate name is reported (SUB004, SUB033 when only the case differs); emit the first so the rest of the
        // project still compiles, and so the build tasks never see two artifacts of one file name.
        var distinct = functions
            .GroupBy(static f => f.Name, StringComparer.OrdinalIgnoreCase)
            .Select(static g => g.First())
            .ToEquatableArray();
        var rootNamespace = options.RootNamespace ?? SanitizeNamespace(compilation.AssemblyName);
        return new ProjectModel(
            rootNamespace,
            compilation.IsExecutable && options.GenerateEntryPoint,
            distinct,
            openers.Select(static r => r.Value).FirstOrDefault(static v => v is not null),
            startups.Select(static r => r.Value).FirstOrDefault(static v => v is not null),
            compilation.ReferencedOpeners);
    }

    // As `dotnet new` names namespaces after a project: every character an identifier cannot hold becomes '_', a part
    // that starts with a digit gets a leading '_', a keyword gets '@'. "my-fl.2024" becomes "my_fl._2024".
    private static string SanitizeNamespace(string? name)
    {
        var parts = (name ?? string.Empty)
            .Trim()
            .Split('.')
            .Where(static part => part.Length > 0)
            .Select(static part => new string(part.Select(static c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray()))
            .Select(static part => char.IsDigit(part[0]) ? "_" + part : part)
            .Select(static part => SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None ? "@" + part : part)
            .ToArray();
        return parts.Length == 0 ? "SubstraGenerated" : string.Join(".", parts);
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    private static void Execute(SourceProductionContext context, ProjectModel project)
    {
        // Emitters format no number with the current culture (RS1035 bans switching it): every value is a string or
        // an int formatted with the invariant culture, so output is identical on every machine.
        if (project.Functions.Count > 0)
        {
            context.AddSource(RegistryEmitter.HintName, RegistryEmitter.Emit(project));
            context.AddSource(ServiceCollectionEmitter.HintName, ServiceCollectionEmitter.Emit(project));
            context.AddSource(MetadataEmitter.HintName, MetadataEmitter.Emit(project));
            foreach (var functionsOfType in project.Functions
                         .GroupBy(static f => f.DeclaringTypeName, StringComparer.Ordinal)
                         .OrderBy(static g => g.Key, StringComparer.Ordinal))
            {
                var list = functionsOfType.ToList();
                context.AddSource(HandlesEmitter.HintName(list[0]), HandlesEmitter.Emit(list));
            }

            // Only function projects get a Main: a plan-runner app referencing Substra.Tools keeps its own.
            if (project.EmitEntryPoint)
            {
                context.AddSource(EntryPointEmitter.HintName, EntryPointEmitter.Emit(project));
            }
        }

        if (project.Opener is not null)
        {
            context.AddSource(OpenerFactoryEmitter.HintName, OpenerFactoryEmitter.Emit(project, project.Opener));
        }
    }
}
