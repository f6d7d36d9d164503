using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Substra.Generators.Tests;

/// <summary>What is emitted when: entry point, namespaces, doc comments, and the compile-time safety of handles.</summary>
public sealed class GeneratorBehaviourTests
{
    private const string OneFunction = """
        using Substra.Tools;

        namespace Sample.Functions;

        public partial class Functions
        {
            /// <summary>Copies the model.</summary>
            [SubstraFunction("copy")]
            public void Copy([ModelInput("model")] string model, [ModelOutput("model")] string output) { }
        }
        """;

    [Fact]
    public void LibraryGetsNoEntryPoint()
    {
        var hints = HintNames(GeneratorHarness.CreateCompilation([OneFunction]));

        Assert.Contains("SubstraFunctionRegistry.g.cs", hints);
        Assert.DoesNotContain("SubstraEntryPoint.g.cs", hints);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public void ExecutableGetsEntryPointUnlessDisabled(string? property, bool expected)
    {
        var properties = new Dictionary<string, string> { ["build_property.RootNamespace"] = "Sample.Functions" };
        if (property is not null)
        {
            properties["build_property.SubstraGenerateEntryPoint"] = property;
        }

        var compilation = GeneratorHarness.CreateCompilation([OneFunction], OutputKind.ConsoleApplication);
        var (result, output, _) = GeneratorHarness.Run(compilation, properties);

        Assert.Equal(expected, result.Results.Single().GeneratedSources.Any(static s => s.HintName == "SubstraEntryPoint.g.cs"));
        if (expected)
        {
            Assert.Empty(GeneratorHarness.Problems(output));
            Assert.Equal("Main", output.GetEntryPoint(CancellationToken.None)!.Name);
        }
    }

    [Fact]
    public void ExecutableWithoutFunctionsKeepsItsOwnMain()
    {
        const string app = "public static class Program { public static int Main() => 0; }";
        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([app], OutputKind.ConsoleApplication));

        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public void RootNamespaceFallsBackToTheAssemblyName()
    {
        var compilation = GeneratorHarness.CreateCompilation([OneFunction], assemblyName: "My-Company.2024.Functions");
        var (result, output, _) = GeneratorHarness.Run(compilation, new Dictionary<string, string>());

        var registry = result.Results.Single().GeneratedSources.Single(static s => s.HintName == "SubstraFunctionRegistry.g.cs");
        Assert.Contains("namespace My_Company._2024.Functions", registry.SourceText.ToString(), StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Theory]
    [InlineData("my-fl.Functions", "my_fl.Functions")]
    [InlineData("Acme.Fl", "Acme.Fl")]
    [InlineData("2fl.class", "_2fl.@class")]
    [InlineData("my fl..Functions", "my_fl.Functions")]
    public void RootNamespaceOfAnyProjectNameCompiles(string rootNamespace, string expected)
    {
        var compilation = GeneratorHarness.CreateCompilation([OneFunction], OutputKind.ConsoleApplication);
        var (result, output, _) = GeneratorHarness.Run(compilation, new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace });

        var registry = result.Results.Single().GeneratedSources.Single(static s => s.HintName == "SubstraFunctionRegistry.g.cs");
        Assert.Contains($"namespace {expected}", registry.SourceText.ToString(), StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Theory]
    [InlineData(DocumentationMode.None)]
    [InlineData(DocumentationMode.Parse)]
    [InlineData(DocumentationMode.Diagnose)]
    public void DescriptionIsReadWhateverTheDocumentationMode(DocumentationMode mode)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, mode);
        var compilation = GeneratorHarness.CreateCompilation([OneFunction], parseOptions: parseOptions);
        var (result, _, _) = GeneratorHarness.Run(compilation);

        var metadata = result.Results.Single().GeneratedSources.Single(static s => s.HintName == "SubstraFunctionMetadata.g.cs").SourceText.ToString();
        Assert.EndsWith("\"Copies the model.\")]\n", metadata, StringComparison.Ordinal);
    }

    [Fact]
    public void DescriptionBecomesMarkdown()
    {
        const string source = """
            using Substra.Tools;

            namespace Sample.Functions;

            public partial class Functions
            {
                /// <summary>
                /// Trains with <see cref="System.IO.Stream"/> and <paramref name="model"/>;
                /// returns <see langword="null"/> never.
                /// </summary>
                /// <remarks>
                /// <list type="bullet">
                /// <item><description>first</description></item>
                /// <item><description>second</description></item>
                /// </list>
                /// <code>
                ///   var x = 1;
                /// </code>
                /// </remarks>
                [SubstraFunction("train")]
                public void Train([ModelInput("model")] string model) { }

                // An ordinary comment is no description.
                [SubstraFunction("plain")]
                public void Plain() { }
            }
            """;
        var (result, _, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([source]));

        var metadata = result.Results.Single().GeneratedSources.Single(static s => s.HintName == "SubstraFunctionMetadata.g.cs").SourceText.ToString();
        Assert.Contains(
            "\"Trains with `System.IO.Stream` and `model`; returns `null` never.\\n\\n- first\\n- second\\n\\n```\\nvar x = 1;\\n```\")]",
            metadata,
            StringComparison.Ordinal);
        Assert.Contains("SubstraFunctionMetadata(\"plain\", \"{\\\"name\\\":\\\"plain\\\",\\\"inputs\\\":[],\\\"outputs\\\":[]}\", null)]", metadata, StringComparison.Ordinal);
    }

    [Fact]
    public void HandlesOnlyConnectCompatibleSlots()
    {
        // What a plan builder's signatures look like: a single input takes one model output, a multiple input several.
        const string plan = """
            using Substra.Tools.Plans;
            using Sample.Functions;

            static class Plan
            {
                static void Connect(ModelInputSlot input, ModelOutputSlot parent) { }
                static void ConnectMany(MultipleModelInputSlot input, params ModelOutputSlot[] parents) { }

                static void Build()
                {
                    Connect(LinearFunctions.Handles.Predict.Inputs.Model, LinearFunctions.Handles.Train.Outputs.Model);
                    ConnectMany(LinearFunctions.Handles.Aggregate.Inputs.Models, LinearFunctions.Handles.Train.Outputs.Model, LinearFunctions.Handles.Train.Outputs.Model);
                    Connect(LinearFunctions.Handles.Predict.Inputs.Model, Metrics.Handles.Score.Outputs.Accuracy); // performance → model input
                    ConnectMany(LinearFunctions.Handles.Predict.Inputs.Model, LinearFunctions.Handles.Train.Outputs.Model); // single input, list of parents
                }
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation([Sources.DataTypes, Sources.Federated, plan]);
        var (_, output, _) = GeneratorHarness.Run(compilation);

        var errors = GeneratorHarness.Problems(output);
        Assert.True(errors.Count == 3, string.Join("\n", errors));
        Assert.All(errors, static e => Assert.Equal("CS1503", e.Id));
        Assert.Contains("PerformanceOutputSlot", errors[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("cannot convert from 'Substra.Tools.Plans.ModelInputSlot' to 'Substra.Tools.Plans.MultipleModelInputSlot'", errors[1].GetMessage(), StringComparison.Ordinal);
        Assert.Equal([13, 14, 14], errors.Select(static e => e.Location.GetLineSpan().StartLinePosition.Line + 1).ToArray());
    }

    [Fact]
    public void HandlesExposeSchemaAndDataUse()
    {
        const string check = """
            using Sample.Functions;

            static class Check
            {
                static bool Run()
                    => LinearFunctions.Handles.Train.UsesData
                       && !LinearFunctions.Handles.Aggregate.UsesData
                       && LinearFunctions.Handles.Train.Name == "train"
                       && LinearFunctions.Handles.Train.Schema.Inputs.Count == 4
                       && LinearFunctions.Handles.Train.Inputs.Model.Optional
                       && Metrics.Handles.ReportMetrics.Outputs.F1.Identifier == "f1";
            }
            """;
        var (_, output, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([Sources.DataTypes, Sources.Federated, check]));

        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public void NestedTypeAndNamespaceOfTheSameNameDoNotCollide()
    {
        const string source = """
            using Substra.Tools;

            namespace A
            {
                public partial class B { [SubstraFunction("one")] public void One() { } }
            }

            public partial class A2 { }

            namespace Root
            {
                public partial class A
                {
                    public partial class B { [SubstraFunction("two")] public void Two() { } }
                }
            }
            """;
        var hints = HintNames(GeneratorHarness.CreateCompilation([source]));

        Assert.Contains("A.B.SubstraHandles.g.cs", hints);
        Assert.Contains("Root.A+B.SubstraHandles.g.cs", hints);
    }

    [Fact]
    public void OpenerOfAGenericDataTypeCompiles()
    {
        const string source = """
            using System.Collections.Generic;
            using Substra.Tools;

            namespace Sample.Data;

            [SubstraOpener]
            public sealed class RowsOpener : IOpener<Dictionary<string, string?>>
            {
                public Dictionary<string, string?> GetData(IReadOnlyList<string> folders) => new();
                public Dictionary<string, string?> FakeData(int nSamples) => new();
            }
            """;
        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([source]));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        var factory = result.Results.Single().GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("SubstraOpenerMetadata(\"RowsOpener\", typeof(global::Sample.Functions.SubstraOpenerFactory)", factory, StringComparison.Ordinal);
        Assert.Contains("typeof(global::System.Collections.Generic.Dictionary<string, string>)", factory, StringComparison.Ordinal);
    }

    private static string[] HintNames(CSharpCompilation compilation)
        => GeneratorHarness.Run(compilation).Result.Results.Single().GeneratedSources.Select(static s => s.HintName).ToArray();
}
