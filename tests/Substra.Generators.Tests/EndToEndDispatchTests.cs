using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Substra.Tools.Openers;
using Xunit;

namespace Substra.Generators.Tests;

/// <summary>
/// The generated code run for real: a function project and a data-provider project are compiled with the generator,
/// the opener becomes an artifact, and the generated entry point runs tasks through the real SubstraFunctionHost.
/// </summary>
public sealed class EndToEndDispatchTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("substra-gen-e2e-").FullName;
    private readonly string _namespace = "E2E" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task GeneratedEntryPointRunsEveryKindOfFunction()
    {
        var (main, opener) = Build();
        var data = Folder("data", ("rows.txt", "a\nb\nc\n"));

        // train: opener data, optional model input absent, stream output, task properties, injected services.
        var model = Path.Combine(_directory, "model.bin");
        Assert.Equal(0, main(
        [
            "--function-name", "train",
            "--inputs", Resources(("opener", opener, false), ("datasamples", data, true)),
            "--outputs", Resources(("model", model, false)),
            "--task-properties", "{\"rank\": 2}",
        ]));
        Assert.Equal("rows=3;rank=2;from=none;prefix=opener-startup", await File.ReadAllTextAsync(model));

        // aggregate: a multiple input as paths, static function, path output.
        var aggregated = Path.Combine(_directory, "aggregated.bin");
        Assert.Equal(0, main(
        [
            "--function-name", "aggregate",
            "--inputs", Resources(("models", model, true), ("models", model, true)),
            "--outputs", Resources(("model", aggregated, false)),
        ]));
        Assert.Equal("2 models", await File.ReadAllTextAsync(aggregated));

        // score: fake data from the opener, a read stream, Task<double> returned as the performance "accuracy".
        var accuracy = Path.Combine(_directory, "accuracy.json");
        Assert.Equal(0, main(
        [
            "--function-name", "score",
            "--inputs", Resources(("opener", opener, false), ("datasamples", data, true), ("model", model, false)),
            "--outputs", Resources(("accuracy", accuracy, false)),
            "--fake-data", "--n-fake-samples", "4",
        ]));
        Assert.Equal(0.25, JsonDocument.Parse(await File.ReadAllTextAsync(accuracy)).RootElement.GetProperty("all").GetDouble());

        // report: a PerformanceOutput parameter and a returned double, ValueTask<double>.
        var f1 = Path.Combine(_directory, "f1.json");
        var performance = Path.Combine(_directory, "performance.json");
        Assert.Equal(0, main(
        [
            "--function-name", "report",
            "--inputs", Resources(("model", model, false)),
            "--outputs", Resources(("f1", f1, false), ("performance", performance, false)),
        ]));
        Assert.Equal(0.5, JsonDocument.Parse(await File.ReadAllTextAsync(f1)).RootElement.GetProperty("all").GetDouble());
        Assert.Equal(1.5, JsonDocument.Parse(await File.ReadAllTextAsync(performance)).RootElement.GetProperty("all").GetDouble());

        // An unknown name fails; the exit code says so.
        Assert.NotEqual(0, main(["--function-name", "nope"]));
    }

    private (Func<string[], int> Main, string OpenerArtifact) Build()
    {
        var contracts = Compile(_namespace + ".Contracts", OutputKind.DynamicallyLinkedLibrary, [], $$"""
            namespace {{_namespace}}.Contracts;

            public sealed record Rows(System.Collections.Generic.IReadOnlyList<string> Lines);
            public interface IPrefix { string Value { get; } }
            """);
        var opener = Compile(_namespace + ".Opener", OutputKind.DynamicallyLinkedLibrary, [contracts], $$"""
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using Microsoft.Extensions.DependencyInjection;
            using Substra.Tools;
            using {{_namespace}}.Contracts;

            namespace {{_namespace}}.Opener;

            /// <summary>Reads rows.txt of each folder.</summary>
            [SubstraOpener("rows")]
            public sealed class RowsOpener(IPrefix prefix) : IOpener<Rows>
            {
                public Rows GetData(IReadOnlyList<string> folders)
                    => new(folders.SelectMany(f => File.ReadAllLines(Path.Combine(f, "rows.txt"))).Where(l => l.Length > 0).ToList());

                public Rows FakeData(int nSamples) => new(Enumerable.Repeat(prefix.Value, nSamples).ToList());
            }

            internal sealed class Prefix : IPrefix { public string Value => "opener-startup"; }

            [SubstraStartup]
            internal sealed class Startup : ISubstraStartup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddSingleton<IPrefix, Prefix>();
            }
            """);
        var functions = Compile(_namespace + ".Functions", OutputKind.ConsoleApplication, [contracts], $$"""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            using Substra.Tools;
            using {{_namespace}}.Contracts;

            namespace {{_namespace}}.Functions;

            public sealed partial class Functions(ILogger<Functions> logger, IPrefix prefix)
            {
                [SubstraFunction("train")]
                public async Task TrainAsync(
                    [DataSamples] Rows rows,
                    [ModelInput("model", Optional = true)] string? model,
                    [ModelOutput("model")] Stream output,
                    TaskProperties properties,
                    CancellationToken cancellationToken)
                {
                    logger.LogInformation("training on {Count} rows", rows.Lines.Count);
                    var text = $"rows={rows.Lines.Count};rank={properties.Rank};from={model ?? "none"};prefix={prefix.Value}";
                    await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);
                }

                [SubstraFunction("score")]
                [return: PerformanceOutput("accuracy")]
                public async Task<double> ScoreAsync([DataSamples] Rows rows, [ModelInput("model")] Stream model, CancellationToken cancellationToken)
                {
                    using var reader = new StreamReader(model);
                    _ = await reader.ReadToEndAsync(cancellationToken);
                    return 1.0 / rows.Lines.Count;
                }
            }

            public static partial class Aggregation
            {
                [SubstraFunction("aggregate")]
                public static void Aggregate([ModelInput("models")] IReadOnlyList<string> models, [ModelOutput("model")] string output)
                    => File.WriteAllText(output, models.Count + " models");

                [SubstraFunction("report")]
                public static ValueTask<double> ReportAsync([ModelInput("model")] string model, [PerformanceOutput("f1")] PerformanceOutput f1)
                {
                    f1.Report(0.5);
                    return ValueTask.FromResult(1.5);
                }
            }

            internal sealed class Prefix : IPrefix { public string Value => "opener-startup"; }

            [SubstraStartup]
            internal sealed class Startup : ISubstraStartup
            {
                public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
                    => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<IPrefix, Prefix>(services);
            }
            """);

        var artifact = Path.Combine(_directory, "rows.opener");
        OpenerArtifact.Write(artifact, new OpenerManifest("rows", Path.GetFileName(opener), _namespace + ".Opener.SubstraOpenerFactory"), [opener, contracts]);

        AssemblyLoadContext.Default.LoadFromAssemblyPath(contracts);
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(functions);
        var entryPoint = assembly.GetType(_namespace + ".Functions.SubstraEntryPoint", throwOnError: true)!
            .GetMethod("Main", BindingFlags.Public | BindingFlags.Static)!;
        return (args => (int)entryPoint.Invoke(null, [args])!, artifact);
    }

    private string Compile(string assemblyName, OutputKind kind, string[] references, string source)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: assemblyName + ".cs")],
            [
                .. Net100.References.All,
                MetadataReference.CreateFromFile(typeof(Substra.Tools.SubstraFunctionAttribute).Assembly.Location),
                // The schemas and plan handles the generated code uses live in Substra.Tools.Contracts.
                MetadataReference.CreateFromFile(typeof(Substra.Tools.Schema.FunctionSchema).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
                .. references.Select(static r => MetadataReference.CreateFromFile(r)),
            ],
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
        var (result, output, _) = GeneratorHarness.Run(compilation, new Dictionary<string, string> { ["build_property.RootNamespace"] = assemblyName });
        Assert.Empty(result.Diagnostics);
        var path = Path.Combine(_directory, assemblyName + ".dll");
        var emit = output.Emit(path);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return path;
    }

    private string Folder(string name, params (string File, string Content)[] files)
    {
        var folder = Path.Combine(_directory, name);
        Directory.CreateDirectory(folder);
        foreach (var (file, content) in files)
        {
            File.WriteAllText(Path.Combine(folder, file), content);
        }

        return folder;
    }

    private static string Resources(params (string Id, string Value, bool Multiple)[] resources)
        => JsonSerializer.Serialize(resources.Select(static r => new Dictionary<string, object> { ["id"] = r.Id, ["value"] = r.Value, ["multiple"] = r.Multiple }));
}
