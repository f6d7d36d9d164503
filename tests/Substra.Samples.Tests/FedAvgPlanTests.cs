using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Substra.Samples.FedAvg;
using Substra.Samples.FedAvg.Model;

namespace Substra.Samples.Tests;

/// <summary>Runs the sample's real plan (function archives, local subprocess backend, three organisations).</summary>
public sealed class FedAvgPlanTests
{
    [Fact]
    public async Task The_plan_shows_fedavg_beating_training_alone_and_reaching_the_centralised_model()
    {
        string work = Directory.CreateTempSubdirectory("substra-fedavg-plan-").FullName;
        try
        {
            var output = new StringWriter();
            var options = new FedAvgRunOptions { WorkDirectory = work };
            using IHost host = FedAvgHost.Build(options);
            await host.StartAsync();

            FedAvgResult result = await FedAvgExperiment.RunAsync(
                host.Services.GetRequiredService<ISubstraClientFactory>(), options, PlainConsole(output), CancellationToken.None);
            await host.StopAsync();

            PerformanceReport report = result.Report;
            Assert.Equal(["org-1", "org-2", "org-3"], report.Organisations);
            Assert.Equal(Enumerable.Range(1, FedAvgSettings.Rounds), report.Rounds);
            Assert.Equal(["org-1", "org-2", "org-3"], report.LocalOnly.Select(m => m.TrainedOn));
            double centralised = report.Centralised!.Mean;
            string table = $"\n{Render(ReportTable.Build(report))}";
            Assert.True(report.FinalMeanAccuracy >= centralised - FederatedVersusCentralisedTests.Tolerance, table);
            Assert.True(report.FinalMeanAccuracy >= report.LocalOnly.Max(m => m.Mean) + FederatedVersusCentralisedTests.FederationGain, table);
            Assert.True(report.FinalMeanAccuracy > report.FedAvg[0].Mean, table);

            // The platform computed exactly what the same training computes in memory.
            IReadOnlyList<OrganisationData> data = DataOf(work);
            IReadOnlyList<LogisticRegression> rounds = InMemoryFederation.FedAvg(data.Select(o => o.ReadTrain()).ToList(), FedAvgSettings.Rounds);
            for (int r = 0; r < rounds.Count; r++)
            {
                Assert.Equal(data.Select(o => rounds[r].Accuracy(o.ReadTest())), report.FedAvg[r].Accuracies);
            }

            for (int i = 0; i < data.Count; i++)
            {
                LogisticRegression alone = InMemoryFederation.TrainAlone(data[i].ReadTrain(), FedAvgSettings.Rounds);
                Assert.Equal(data.Select(o => alone.Accuracy(o.ReadTest())), report.LocalOnly[i].Accuracies);
            }

            // Every figure of the table is a row of the CSV: 3 alone + 5 rounds + centralised, per organisation and mean.
            string[] csv = File.ReadAllLines(result.CsvPath);
            Assert.Equal("model,round,trained_on,evaluated_on,accuracy", csv[0]);
            Assert.Equal(((3 + FedAvgSettings.Rounds + 1) * 4) + 1, csv.Length);
            Assert.Contains(csv, line => line.StartsWith($"fedavg,{FedAvgSettings.Rounds},all organisations,mean,", StringComparison.Ordinal));
            Assert.Contains("<svg", File.ReadAllText(result.SvgPath), StringComparison.Ordinal);

            // Redirected output: one plain line per count, up to every task of FedAvg and of training alone.
            int tasks = (FedAvgSettings.Rounds * ((2 * FedAvgSettings.Organisations) + 1)) + (FedAvgSettings.Organisations * (FedAvgSettings.Rounds + FedAvgSettings.Organisations));
            Assert.Contains($"{tasks}/{tasks} tasks done", output.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("\u001b[", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    internal static IAnsiConsole PlainConsole(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(output),
    });

    internal static string Render(Spectre.Console.Rendering.IRenderable renderable)
    {
        var output = new StringWriter();
        PlainConsole(output).Write(renderable);
        return output.ToString();
    }

    private static IReadOnlyList<OrganisationData> DataOf(string work)
        => Enumerable.Range(0, FedAvgSettings.Organisations).Select(i =>
        {
            string folder = Path.Combine(work, "data", $"org-{i + 1}");
            return new OrganisationData(
                i,
                Enumerable.Range(1, FedAvgSettings.TrainSamplesPerOrganisation).Select(k => Path.Combine(folder, $"train-{k}")).ToList(),
                Path.Combine(folder, "test"));
        }).ToList();
}
