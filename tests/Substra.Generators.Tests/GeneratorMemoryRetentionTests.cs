using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Substra.Generators.Tests;

/// <summary>The driver's cached stages must not keep old compilations alive (as an ISymbol in a model would).</summary>
public sealed class GeneratorMemoryRetentionTests
{
    [Fact]
    public void OldCompilationsAreCollected()
    {
        var driver = (GeneratorDriver)GeneratorHarness.CreateDriver();
        var references = new List<WeakReference>();
        for (var edit = 0; edit < 6; edit++)
        {
            driver = RunOnce(driver, edit, references);
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        // The driver keeps the last compilation as the input of its next run; every older one must be gone.
        var alive = references.Take(references.Count - 1).Count(static r => r.IsAlive);
        Assert.Equal(0, alive);
        GC.KeepAlive(driver);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static GeneratorDriver RunOnce(GeneratorDriver driver, int edit, List<WeakReference> references)
    {
        var compilation = GeneratorHarness.CreateCompilation(
            [Sources.DataTypes, Sources.Federated + $"\nnamespace Sample.Functions {{ internal static class Edit{edit} {{ }} }}\n"]);
        references.Add(new WeakReference(compilation));
        return driver.RunGenerators(compilation);
    }
}
