using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Substra.Generators;
using Substra.Tools;

namespace Substra.Benchmarks;

/// <summary>A full (non-incremental) run of the Substra generator over a project of 50 functions.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const int FunctionCount = 50;
    private CSharpCompilation _compilation = null!;

    [GlobalSetup]
    public void Setup()
    {
        var source = new StringBuilder("using System.IO;\nusing Substra.Tools;\nnamespace Bench;\npublic static partial class BenchFunctions\n{\n");
        for (var i = 0; i < FunctionCount; i++)
        {
            source.Append($"    [SubstraFunction(\"fn{i}\")]\n")
                .Append($"    public static void Fn{i}([ModelInput(\"model\", Optional = true)] string? model, [ModelOutput(\"model\")] string output) => File.WriteAllText(output, model ?? \"{i}\");\n");
        }

        source.Append("}\n");
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(SubstraFunctionAttribute).Assembly.Location));
        _compilation = CSharpCompilation.Create(
            "Bench.Functions",
            [CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // A benchmark of a generator that fails or emits nothing would measure nothing.
        var result = Run().GetRunResult();
        var errors = result.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 || result.GeneratedTrees.Length == 0)
        {
            throw new InvalidOperationException(
                $"The generator produced {result.GeneratedTrees.Length} files and errors: {string.Join("; ", errors)}");
        }
    }

    [Benchmark(Description = "generator, 50 functions")]
    public GeneratorDriver Run() =>
        CSharpGeneratorDriver.Create(new SubstraGenerator()).RunGenerators(_compilation);
}
