namespace Substra.Generators.Tests;

/// <summary>User code the tests feed to the generator.</summary>
internal static class Sources
{
    public const string DataTypes = """
        namespace Sample.Functions;

        public sealed record Samples(System.Collections.Generic.IReadOnlyList<string> Rows);
        """;

    /// <summary>A realistic function project: train, predict and score with DI, async, streams and performance.</summary>
    public const string Federated = """
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using Substra.Tools;

        namespace Sample.Functions;

        public interface IModelStore
        {
            Task SaveAsync(Stream destination, CancellationToken cancellationToken);
        }

        public sealed partial class LinearFunctions(ILogger<LinearFunctions> logger, IModelStore store)
        {
            /// <summary>Trains the model on the organisation's <c>samples</c>.</summary>
            /// <remarks>
            /// Starts from <paramref name="model"/> when given.
            /// <para>Second paragraph.</para>
            /// </remarks>
            [SubstraFunction("train")]
            public async Task TrainAsync(
                [DataSamples] Samples samples,
                [ModelInput("model", Optional = true)] string? model,
                [ModelInput("shared")] IReadOnlyList<Stream> shared,
                [ModelOutput("model")] Stream output,
                TaskProperties properties,
                CancellationToken cancellationToken)
            {
                logger.LogInformation("rank {Rank}: {Count} rows, {Shared} shared, from {Model}", properties.Rank, samples.Rows.Count, shared.Count, model);
                await store.SaveAsync(output, cancellationToken);
            }

            /// <summary>Writes predictions.</summary>
            [SubstraFunction("predict")]
            public void Predict(
                [DataSamples] Samples samples,
                [ModelInput("model")] string model,
                [ModelOutput("predictions")] string predictions)
            {
                File.WriteAllText(predictions, model + samples.Rows.Count);
            }

            [SubstraFunction("aggregate")]
            public ValueTask AggregateAsync(
                [ModelInput("models")] IReadOnlyList<string> models,
                [ModelOutput("model")] string output)
                => new ValueTask(File.WriteAllTextAsync(output, string.Join(",", models)));
        }

        public static partial class Metrics
        {
            /// <summary>Accuracy of the predictions.</summary>
            [SubstraFunction("score")]
            [return: PerformanceOutput("accuracy")]
            public static async Task<double> ScoreAsync(
                [DataSamples] Samples samples,
                [ModelInput("predictions")] Stream predictions,
                CancellationToken cancellationToken)
            {
                using var reader = new StreamReader(predictions);
                var text = await reader.ReadToEndAsync(cancellationToken);
                return text.Length / (double)(samples.Rows.Count + 1);
            }

            [SubstraFunction("loss")]
            public static double Loss([ModelInput("predictions")] string predictions) => predictions.Length;

            [SubstraFunction("report-metrics")]
            public static ValueTask<double> ReportAsync(
                [ModelInput("predictions")] string predictions,
                [PerformanceOutput("f1")] PerformanceOutput f1)
            {
                f1.Report(0.5);
                return ValueTask.FromResult((double)predictions.Length);
            }
        }

        [SubstraStartup]
        public sealed class Startup : ISubstraStartup
        {
            public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
            {
            }
        }
        """;

    /// <summary>A data-provider project: one opener with constructor injection and a startup.</summary>
    public const string Opener = """
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.Extensions.Logging;
        using Substra.Tools;

        namespace Sample.Data;

        public sealed record Samples(IReadOnlyList<string> Rows);

        /// <summary>Reads CSV rows.</summary>
        [SubstraOpener("csv-opener")]
        public sealed class CsvOpener(ILogger<CsvOpener> logger) : IOpener<Samples>
        {
            public Samples GetData(IReadOnlyList<string> folders)
            {
                logger.LogInformation("{Count} folders", folders.Count);
                return new Samples(folders.ToList());
            }

            public Samples FakeData(int nSamples) => new Samples(Enumerable.Repeat("fake", nSamples).ToList());
        }

        [SubstraStartup]
        internal sealed class Startup : ISubstraStartup
        {
            public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
            {
            }
        }
        """;
}
