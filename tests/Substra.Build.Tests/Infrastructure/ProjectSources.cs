namespace Substra.Build.Tests.Infrastructure;

/// <summary>
/// Sources of the test projects. The Substra metadata attributes are written by hand here, exactly as the generator
/// emits them, so these tests pin the contract between generator and build tasks.
/// </summary>
internal static class ProjectSources
{
    public const string TrainSchema =
        """{"name":"train","inputs":[{"identifier":"opener","kind":"ASSET_DATA_MANAGER","optional":false,"multiple":false},{"identifier":"datasamples","kind":"ASSET_DATA_SAMPLE","optional":false,"multiple":true},{"identifier":"model","kind":"ASSET_MODEL","optional":true,"multiple":false}],"outputs":[{"identifier":"model","kind":"ASSET_MODEL","multiple":false}]}""";

    public const string PredictSchema =
        """{"name":"predict","inputs":[{"identifier":"model","kind":"ASSET_MODEL","optional":false,"multiple":false}],"outputs":[{"identifier":"predictions","kind":"ASSET_MODEL","multiple":false}]}""";

    public const string TrainDescription = "Trains the model on this organisation's data.";

    /// <summary>Two functions, <c>train</c> (documented) and <c>predict</c> (not), plus more when asked.</summary>
    public static string Functions(string trainDescription = TrainDescription, int extraFunctions = 0)
    {
        var extra = string.Concat(Enumerable.Range(1, extraFunctions).Select(index =>
            $"[assembly: SubstraFunctionMetadata(\"extra{index}\", \"\"\"{{\"name\":\"extra{index}\",\"inputs\":[],\"outputs\":[]}}\"\"\", null)]\n"));
        return $$""""
            using Substra.Tools.Metadata;

            [assembly: SubstraFunctionMetadata("train", """{{TrainSchema}}""", "{{trainDescription}}")]
            [assembly: SubstraFunctionMetadata("predict", """{{PredictSchema}}""", null)]
            {{extra}}
            namespace Demo;

            public static class Program
            {
                public static int Main(string[] args) => args.Length == 0 ? 2 : 0;
            }
            """";
    }

    /// <summary>A data-provider library with one opener, <c>mnist</c>, and its factory.</summary>
    public const string Opener = """
        using Microsoft.Extensions.DependencyInjection;
        using Substra.Tools.Hosting;
        using Substra.Tools.Metadata;

        [assembly: SubstraOpenerMetadata("mnist", typeof(Demo.Data.MnistOpenerFactory), "Reads MNIST samples.")]

        namespace Demo.Data;

        public sealed class MnistOpenerFactory : IOpenerFactory
        {
            public Type DataType => typeof(string[]);

            public void ConfigureServices(IServiceCollection services)
            {
            }

            public object? GetData(IServiceProvider services, IReadOnlyList<string> folders) => folders.ToArray();

            public object? FakeData(IServiceProvider services, int nSamples) => new string[nSamples];
        }
        """;
}
