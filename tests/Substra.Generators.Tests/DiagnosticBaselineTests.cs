using Microsoft.CodeAnalysis;
using Xunit;

namespace Substra.Generators.Tests;

/// <summary>
/// Projects with a mistake next to valid functions: the diagnostics as the compiler prints them (with their help
/// links) and what is still generated, against baselines. The valid functions are generated and compile.
/// </summary>
public sealed class DiagnosticBaselineTests
{
    private const string Usings = """
        using System.IO;
        using System.Threading.Tasks;
        using Substra.Tools;

        namespace Sample.Functions;

        """;

    [Fact]
    public void AsyncVoidFunction()
    {
        var result = Run(Usings + """
            public sealed partial class Functions
            {
                [SubstraFunction("train")]
                public async Task TrainAsync([ModelOutput("model")] string model) => await File.WriteAllTextAsync(model, "1");

                // Compiles, but the task would end at the first await, before the model is written.
                [SubstraFunction("fine_tune")]
                public async void FineTune([ModelInput("model")] string model, [ModelOutput("model")] string output)
                    => await File.WriteAllTextAsync(output, await File.ReadAllTextAsync(model));
            }
            """);

        Assert.Equal(["SUB030"], result.Diagnostics.Select(static d => d.Id).ToArray());
        Baselines.AssertMatches(nameof(AsyncVoidFunction), result);
    }

    [Fact]
    public void MethodWithoutSubstraFunction()
    {
        var result = Run(Usings + """
            public sealed partial class Functions
            {
                [SubstraFunction("train")]
                public void Train([ModelOutput("model")] string model) => File.WriteAllText(model, "1");

                // The attribute was forgotten: without it, this is an ordinary method.
                [return: PerformanceOutput("accuracy")]
                public static double Evaluate([ModelInput("model")] string model, [ModelInput("predictions")] Stream predictions) => 1;
            }
            """);

        Assert.Equal(["SUB031"], result.Diagnostics.Select(static d => d.Id).ToArray());
        Baselines.AssertMatches(nameof(MethodWithoutSubstraFunction), result);
    }

    [Fact]
    public void FunctionNames()
    {
        var result = Run(Usings + """
            public sealed partial class Functions
            {
                [SubstraFunction("train")]
                public void Train([ModelOutput("model")] string model) => File.WriteAllText(model, "1");

                [SubstraFunction("train")]
                public void TrainAgain([ModelOutput("model")] string model) => File.WriteAllText(model, "2");

                [SubstraFunction("Train")]
                public void TrainInAnotherCase([ModelOutput("model")] string model) => File.WriteAllText(model, "3");

                [SubstraFunction("predict test")]
                public void Predict([ModelOutput("predictions")] string predictions) => File.WriteAllText(predictions, "4");
            }
            """);

        Assert.Equal(["SUB004", "SUB033", "SUB004", "SUB033", "SUB033", "SUB032"], result.Diagnostics
            .OrderBy(static d => d.Location.SourceSpan.Start)
            .Select(static d => d.Id)
            .ToArray());
        // Only one of the train functions is recorded, and not the invalid name: the build tasks get no artifact name to refuse.
        Baselines.AssertMatches(nameof(FunctionNames), result);
    }

    private static GeneratorDriverRunResult Run(string source)
    {
        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([source], OutputKind.ConsoleApplication));
        Assert.Empty(GeneratorHarness.Problems(output));
        return result;
    }
}
