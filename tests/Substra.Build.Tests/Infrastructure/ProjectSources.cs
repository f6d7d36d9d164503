namespace Substra.Build.Tests.Infrastructure;

/// <summary>
/// Sources of the test projects: ordinary Substra functions and openers, compiled with the real generator (through
/// eng/Substra.FromSource.targets), whose metadata attributes the build tasks read.
/// </summary>
internal static class ProjectSources
{
    /// <summary>What the generator records for <c>train</c>: data inputs first, then the optional model.</summary>
    public const string TrainSchema =
        """{"name":"train","inputs":[{"identifier":"opener","kind":"ASSET_DATA_MANAGER","optional":false,"multiple":false},{"identifier":"datasamples","kind":"ASSET_DATA_SAMPLE","optional":false,"multiple":true},{"identifier":"model","kind":"ASSET_MODEL","optional":true,"multiple":false}],"outputs":[{"identifier":"model","kind":"ASSET_MODEL","multiple":false}]}""";

    public const string PredictSchema =
        """{"name":"predict","inputs":[{"identifier":"model","kind":"ASSET_MODEL","optional":false,"multiple":false}],"outputs":[{"identifier":"predictions","kind":"ASSET_MODEL","multiple":false}]}""";

    public const string TrainDescription = "Trains the model on this organisation's data.";

    /// <summary>Two functions, <c>train</c> (documented) and <c>predict</c> (not), plus <c>extra1</c>… when asked.</summary>
    public static string Functions(string trainDescription = TrainDescription, int extraFunctions = 0)
    {
        var extra = string.Concat(Enumerable.Range(1, extraFunctions).Select(index => $$"""

                [SubstraFunction("extra{{index}}")]
                public static void Extra{{index}}([ModelOutput("model")] string model) => File.WriteAllText(model, "{{index}}");

            """));
        return $$"""
            using Substra.Tools;

            namespace Demo;

            public sealed record Rows(IReadOnlyList<string> Lines);

            public static partial class DemoFunctions
            {
                /// <summary>{{trainDescription}}</summary>
                [SubstraFunction("train")]
                public static void Train(
                    [DataSamples] Rows rows,
                    [ModelInput("model", Optional = true)] string? model,
                    [ModelOutput("model")] string output)
                    => File.WriteAllText(output, $"{rows.Lines.Count} {model}");

                [SubstraFunction("predict")]
                public static void Predict([ModelInput("model")] string model, [ModelOutput("predictions")] string predictions)
                    => File.Copy(model, predictions);
            {{extra}}
            }
            """;
    }

    /// <summary>A data-provider library with one opener, <c>mnist</c>.</summary>
    public const string Opener = """
        using Substra.Tools;

        namespace Demo.Data;

        /// <summary>Reads MNIST samples.</summary>
        [SubstraOpener("mnist")]
        public sealed class MnistOpener : IOpener<string[]>
        {
            public string[] GetData(IReadOnlyList<string> folders) => folders.ToArray();

            public string[] FakeData(int nSamples) => new string[nSamples];
        }
        """;

    /// <summary>The factory type the generator writes for <see cref="Opener"/>.</summary>
    public const string OpenerFactory = "Demo.Data.SubstraOpenerFactory";
}
