using Substra.Samples.FedAvg;
using Substra.Samples.FedAvg.Model;

namespace Substra.Samples.Tests;

/// <summary>Runs the sample's real plan (function archives, local subprocess backend, three organisations).</summary>
public sealed class FedAvgPlanTests
{
    [Fact]
    public async Task The_federated_plan_reaches_the_centralised_accuracy_within_tolerance()
    {
        string work = Directory.CreateTempSubdirectory("substra-fedavg-plan-").FullName;
        try
        {
            var console = new StringWriter();

            FedAvgResult result = await FedAvgExperiment.RunAsync(new FedAvgRunOptions { WorkDirectory = work }, console, CancellationToken.None);

            PerformanceReport report = result.Report;
            Assert.Equal(Enumerable.Range(1, FedAvgSettings.Rounds), report.Rounds);
            Assert.Equal(["org-1", "org-2", "org-3"], report.Organisations);
            Assert.Equal(FedAvgSettings.Rounds * FedAvgSettings.Organisations, report.Rows.Count);
            double centralised = report.Centralised!.Average();
            Assert.True(
                report.FinalMeanAccuracy >= centralised - FederatedVersusCentralisedTests.Tolerance,
                $"FedAvg reached {report.FinalMeanAccuracy:F4}, centralised {centralised:F4} (tolerance {FederatedVersusCentralisedTests.Tolerance}).\n{report.ToTable()}");

            string[] csv = File.ReadAllLines(result.CsvPath);
            Assert.Equal("round,organisation,accuracy", csv[0]);
            Assert.Equal(report.Rows.Count + 1, csv.Length);
            Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", File.ReadAllText(result.SvgPath));
            Assert.Contains("35/35 tasks done", console.ToString());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
