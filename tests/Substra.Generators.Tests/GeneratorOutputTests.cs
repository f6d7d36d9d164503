using Microsoft.CodeAnalysis;
using Xunit;

namespace Substra.Generators.Tests;

/// <summary>Generated sources against checked-in baselines, and the output compiles without warnings.</summary>
public sealed class GeneratorOutputTests
{
    [Fact]
    public void FunctionExecutable()
    {
        var (result, output, _) = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation([Sources.DataTypes, Sources.Federated, ModelStore], OutputKind.ConsoleApplication));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        Baselines.AssertMatches(nameof(FunctionExecutable), result);
    }

    [Fact]
    public void OpenerLibrary()
    {
        var (result, output, _) = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation([Sources.Opener], assemblyName: "Sample.Data"),
            new Dictionary<string, string> { ["build_property.RootNamespace"] = "Sample.Data" });

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        Baselines.AssertMatches(nameof(OpenerLibrary), result);
    }

    [Fact]
    public void FunctionExecutableCompilesInTheOpenersOfReferencedProjects()
    {
        // The data-provider project, compiled with its generated factory, as a project reference gives it.
        var (_, library, _) = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation([Sources.Opener], assemblyName: "Sample.Data"),
            new Dictionary<string, string> { ["build_property.RootNamespace"] = "Sample.Data" });
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        const string function = """
            using Substra.Tools;
            namespace Sample.Functions;
            public static partial class Counting
            {
                [SubstraFunction("count")]
                public static void Count([DataSamples] Sample.Data.Samples samples, [ModelOutput("count")] string output)
                    => System.IO.File.WriteAllText(output, samples.Rows.Count.ToString());
            }
            """;

        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(
            [function], OutputKind.ConsoleApplication, additionalReferences: [MetadataReference.CreateFromImage(image.ToArray())]));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        var entryPoint = result.Results.Single().GeneratedSources.Single(source => source.HintName == "SubstraEntryPoint.g.cs").SourceText.ToString();
        Assert.Contains(
            "new global::Substra.Tools.Hosting.OpenerDescriptor(\"Sample.Data\", \"Sample.Data.SubstraOpenerFactory\", static () => new global::Sample.Data.SubstraOpenerFactory()),",
            entryPoint, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratedCodeIsFullyDocumented()
    {
        // With a documentation file, a public member without XML comment is CS1591, an error under warnings-as-errors.
        var parseOptions = GeneratorHarness.ParseOptions.WithDocumentationMode(Microsoft.CodeAnalysis.DocumentationMode.Diagnose);
        var compilation = GeneratorHarness.CreateCompilation([Sources.DataTypes, Sources.Federated, ModelStore], OutputKind.ConsoleApplication, parseOptions);
        var (_, output, _) = GeneratorHarness.Run(compilation);

        var generatedProblems = GeneratorHarness.Problems(output).Where(static d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        Assert.Empty(generatedProblems);
    }

    [Fact]
    public void OutputDoesNotDependOnFileOrder()
    {
        string[] sources = [Sources.DataTypes, Sources.Federated, ModelStore, Sources.Opener];
        var forward = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(sources)).Result;
        var backward = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(sources.Reverse())).Result;

        static (string, string)[] Texts(GeneratorDriverRunResult result) => result.Results.Single().GeneratedSources
            .Select(static s => (s.HintName, s.SourceText.ToString())).OrderBy(static s => s.HintName, StringComparer.Ordinal).ToArray();
        Assert.Equal(Texts(forward), Texts(backward));
    }

    [Fact]
    public void NestedGlobalAndKeywordNames()
    {
        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([NestedAndGlobal]));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        Baselines.AssertMatches(nameof(NestedGlobalAndKeywordNames), result);
    }

    [Fact]
    public void PythonOpenerShapes()
    {
        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([PythonShapes], OutputKind.ConsoleApplication));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        Baselines.AssertMatches(nameof(PythonOpenerShapes), result);
    }

    private const string PythonShapes = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using Microsoft.Data.Analysis;
        using Substra.Tools;

        namespace Sample.Functions;

        public sealed class Patient
        {
            public string Name { get; set; } = "";
            public long? Age { get; init; }
            [ColumnName("blood type")] public string? BloodType { get; set; }
            public DateTime Visit { get; set; }
        }

        public sealed record Measure([ColumnName("value (cm)")] double Value, bool @checked);

        public static partial class PythonFunctions
        {
            /// <summary>A pandas DataFrame.</summary>
            [SubstraFunction("frame")]
            public static void Frame([DataSamples(PythonOpener = true)] DataFrame data, [ModelOutput("model")] Stream model) { }

            [SubstraFunction("xy")]
            public static void Xy([DataSamples(PythonOpener = true)] (float[,] X, int?[] y, string?[] labels) data) { }

            [SubstraFunction("nested")]
            public static void Nested([DataSamples(PythonOpener = true)] (double[][] train, (IList<Patient> patients, Measure[] measures) test) data) { }

            [SubstraFunction("rows")]
            public static void Rows([DataSamples(PythonOpener = true)] IReadOnlyList<Patient> rows) { }

            [SubstraFunction("plain")]
            public static void Plain([DataSamples] Patient rows) { }
        }
        """;

    private const string NestedAndGlobal = """
        using System.Threading.Tasks;
        using Substra.Tools;

        public partial class GlobalFunctions
        {
            [SubstraFunction("event")]
            public Task @event([ModelOutput("2d-model")] string output, [ModelOutput("Equals")] string equals) => Task.CompletedTask;
        }

        namespace Sample.Functions.Nested
        {
            public partial record Outer
            {
                internal static partial class Inner
                {
                    /** <summary>Multi-line "doc" comment.</summary> */
                    [SubstraFunction("noop")]
                    internal static void Noop() { }

                    [SubstraFunction("local_model")]
                    public static void LocalModel([ModelInput("local_model")] string a, [ModelInput("local-model")] string b) { }
                }
            }
        }
        """;

    private const string ModelStore = """
        namespace Sample.Functions;

        public sealed class FileModelStore : IModelStore
        {
            public System.Threading.Tasks.Task SaveAsync(System.IO.Stream destination, System.Threading.CancellationToken cancellationToken)
                => destination.WriteAsync(new byte[] { 1 }, cancellationToken).AsTask();
        }
        """;
}
