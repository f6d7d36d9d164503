using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Substra.Generators.Tests;

/// <summary>
/// Every tracked stage is Cached or Unchanged when nothing relevant changed, and no stage output holds a Compilation,
/// symbol, syntax node or Location (which would defeat caching and keep compilations alive).
/// </summary>
public sealed class IncrementalCachingTests
{
    private static readonly string[] TrackingNames = typeof(Substra.Generators.TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(static f => f.IsLiteral)
        .Select(static f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void RerunOnClonedCompilationIsCached()
    {
        var compilation = CreateProject();
        var (first, _, driver) = GeneratorHarness.Run(compilation);
        var second = driver.RunGenerators(compilation.Clone()).GetRunResult();

        AssertSameOutputs(first, second);
        AssertAllTrackedStepsCachedOrUnchanged(second);
    }

    [Fact]
    public void UnrelatedEditIsCached()
    {
        var compilation = CreateProject();
        var (first, _, driver) = GeneratorHarness.Run(compilation);
        var unrelated = compilation.SyntaxTrees.Single(static t => t.ToString().Contains("class FileModelStore", StringComparison.Ordinal));
        var edited = compilation.ReplaceSyntaxTree(
            unrelated,
            unrelated.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(unrelated + "\nnamespace Sample.Functions { internal static class Unrelated { } }\n")));
        var second = driver.RunGenerators(edited).GetRunResult();

        AssertSameOutputs(first, second);
        AssertAllTrackedStepsCachedOrUnchanged(second);
    }

    [Fact]
    public void MovingAFunctionDoesNotReEmit()
    {
        var compilation = CreateProject();
        var (first, _, driver) = GeneratorHarness.Run(compilation);
        var functions = compilation.SyntaxTrees.Single(static t => t.ToString().Contains("class LinearFunctions", StringComparison.Ordinal));
        var moved = compilation.ReplaceSyntaxTree(
            functions,
            functions.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("// a comment that shifts every position\n\n" + functions)));
        var second = driver.RunGenerators(moved).GetRunResult();

        AssertSameOutputs(first, second);
        var projectSteps = second.Results.Single().TrackedSteps[Substra.Generators.TrackingNames.Project];
        Assert.All(projectSteps.SelectMany(static s => s.Outputs), static o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Project stage was {o.Reason}"));
    }

    [Fact]
    public void MethodsWithoutSubstraFunctionAreCheckedIncrementally()
    {
        const string unmarked = """
            namespace Sample.Functions;

            public partial class Helpers
            {
                public void Save([Substra.Tools.ModelOutput("model")] string model) { }
            }
            """;
        const string other = "namespace Sample.Functions;\n\ninternal static class Other { }\n";
        var compilation = GeneratorHarness.CreateCompilation([Sources.DataTypes, unmarked, other]);
        var (first, _, driver) = GeneratorHarness.Run(compilation);
        var otherTree = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(otherTree, otherTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(other + "internal static class More { }\n")));
        var second = driver.RunGenerators(edited).GetRunResult();

        Assert.Equal("SUB031", Assert.Single(first.Diagnostics).Id);
        Assert.Equal("SUB031", Assert.Single(second.Diagnostics).Id);
        foreach (var name in new[] { Substra.Generators.TrackingNames.UnmarkedAttributes, Substra.Generators.TrackingNames.UnmarkedDiagnostics })
        {
            Assert.All(second.Results.Single().TrackedSteps[name].SelectMany(static s => s.Outputs), o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name} was {o.Reason}"));
        }
    }

    [Fact]
    public void ChangingASignatureReEmits()
    {
        var compilation = CreateProject();
        var (_, _, driver) = GeneratorHarness.Run(compilation);
        var functions = compilation.SyntaxTrees.Single(static t => t.ToString().Contains("class LinearFunctions", StringComparison.Ordinal));
        var changed = compilation.ReplaceSyntaxTree(
            functions,
            functions.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(functions.ToString().Replace("[ModelOutput(\"predictions\")]", "[ModelOutput(\"scores\")]", StringComparison.Ordinal))));
        var second = driver.RunGenerators(changed).GetRunResult();

        var projectOutputs = second.Results.Single().TrackedSteps[Substra.Generators.TrackingNames.Project].SelectMany(static s => s.Outputs);
        Assert.Contains(projectOutputs, static o => o.Reason == IncrementalStepRunReason.Modified);
        var registry = second.Results.Single().GeneratedSources.Single(static s => s.HintName == "SubstraFunctionRegistry.g.cs");
        Assert.Contains("invocation.GetOutputPath(\"scores\")", registry.SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StageOutputsHoldNoCompilerObjects()
    {
        var compilation = CreateProject();
        var (result, _, _) = GeneratorHarness.Run(compilation);
        var steps = result.Results.Single().TrackedSteps;
        foreach (var name in TrackingNames)
        {
            Assert.True(steps.ContainsKey(name), $"The stage '{name}' was not tracked.");
            foreach (var output in steps[name].SelectMany(static s => s.Outputs))
            {
                AssertNoBannedTypes(output.Value, name, []);
            }
        }
    }

    [Fact]
    public void WalkerDetectsCompilerObjects()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { }");
        var holder = new { Items = ImmutableArray.Create<object>("fine", tree.GetRoot().GetLocation()) };

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNoBannedTypes(holder, "test", []));
    }

    private static CSharpCompilation CreateProject() => GeneratorHarness.CreateCompilation(
        [Sources.DataTypes, Sources.Federated, Sources.Opener.Replace("[SubstraStartup]", string.Empty, StringComparison.Ordinal), """
            namespace Sample.Functions;

            public sealed class FileModelStore : IModelStore
            {
                public System.Threading.Tasks.Task SaveAsync(System.IO.Stream destination, System.Threading.CancellationToken cancellationToken)
                    => System.Threading.Tasks.Task.CompletedTask;
            }
            """],
        OutputKind.ConsoleApplication);

    private static void AssertSameOutputs(GeneratorDriverRunResult first, GeneratorDriverRunResult second)
    {
        var before = first.Results.Single().GeneratedSources.Select(static s => (s.HintName, Text: s.SourceText.ToString())).ToArray();
        var after = second.Results.Single().GeneratedSources.Select(static s => (s.HintName, Text: s.SourceText.ToString())).ToArray();
        Assert.NotEmpty(before);
        Assert.Equal(before, after);
    }

    private static void AssertAllTrackedStepsCachedOrUnchanged(GeneratorDriverRunResult result)
    {
        var steps = result.Results.Single().TrackedSteps;
        foreach (var name in TrackingNames)
        {
            Assert.True(steps.ContainsKey(name), $"The stage '{name}' was not tracked.");
            foreach (var output in steps[name].SelectMany(static s => s.Outputs))
            {
                Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"The stage '{name}' was {output.Reason} on a re-run without relevant changes.");
            }
        }
    }

    private static void AssertNoBannedTypes(object? value, string stage, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return;
        }

        var type = value.GetType();
        Assert.False(value is Compilation or ISymbol or SyntaxNode or SemanticModel or Location or SyntaxTree,
            $"The stage '{stage}' holds a {type.FullName}, which breaks incremental caching.");
        if (value is IEnumerable enumerable)
        {
            foreach (var item in enumerable)
            {
                AssertNoBannedTypes(item, stage, visited);
            }
        }

        if (type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true)
        {
            // Roslyn value types such as TextSpan and DiagnosticDescriptor are allowed; their fields are not walked.
            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoBannedTypes(field.GetValue(value), stage, visited);
        }
    }
}
