using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Substra.Generators;

namespace Substra.Generators.Tests;

/// <summary>Runs <see cref="SubstraGenerator"/> with a plain CSharpGeneratorDriver over deterministic reference assemblies.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(Substra.Tools.SubstraFunctionAttribute).Assembly.Location),
        // The schemas and plan handles the generated code uses live in Substra.Tools.Contracts.
        MetadataReference.CreateFromFile(typeof(Substra.Tools.Schema.FunctionSchema).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ILogger).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Data.Analysis.DataFrame).Assembly.Location),
    ];

    public static CSharpCompilation CreateCompilation(
        IEnumerable<string> sources,
        OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary,
        CSharpParseOptions? parseOptions = null,
        string assemblyName = "Sample.Functions",
        IEnumerable<MetadataReference>? additionalReferences = null)
    {
        var trees = sources.Select((source, index) =>
            CSharpSyntaxTree.ParseText(source, parseOptions ?? ParseOptions, path: $"/src/Source{index}.cs"));
        return CSharpCompilation.Create(
            assemblyName,
            trees,
            additionalReferences is null ? References : References.AddRange(additionalReferences),
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable, deterministic: true)
                // As the SDK does (NoWarn 1701;1702): Microsoft.Data.Analysis is built against an older System.Runtime.
                .WithSpecificDiagnosticOptions([KeyValuePair.Create("CS1701", ReportDiagnostic.Suppress), KeyValuePair.Create("CS1702", ReportDiagnostic.Suppress)]));
    }

    public static CSharpGeneratorDriver CreateDriver(IReadOnlyDictionary<string, string>? properties = null, CSharpParseOptions? parseOptions = null)
    {
        var options = new TestOptionsProvider(properties ?? new Dictionary<string, string> { ["build_property.RootNamespace"] = "Sample.Functions" });
        return CSharpGeneratorDriver.Create(
            [new SubstraGenerator().AsSourceGenerator()],
            additionalTexts: null,
            parseOptions: parseOptions ?? ParseOptions,
            optionsProvider: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the generator once; returns the run result and the output compilation.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output, GeneratorDriver Driver) Run(
        CSharpCompilation compilation, IReadOnlyDictionary<string, string>? properties = null)
    {
        GeneratorDriver driver = CreateDriver(properties, (CSharpParseOptions)compilation.SyntaxTrees.First().Options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult();
        var exception = result.Results.Single().Exception;
        if (exception is not null)
        {
            throw new InvalidOperationException("The generator threw.", exception);
        }

        return (result, output, driver);
    }

    /// <summary>Errors and warnings of a compilation (generator diagnostics included by the caller).</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation)
        => compilation.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    private sealed class TestOptionsProvider(IReadOnlyDictionary<string, string> globals) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new TestOptions(globals);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => TestOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => TestOptions.Empty;
    }

    private sealed class TestOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly TestOptions Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, out string value)
        {
            if (values.TryGetValue(key, out var found))
            {
                value = found;
                return true;
            }

            value = string.Empty;
            return false;
        }
    }
}
