using System.IO.Compression;
using System.Text.RegularExpressions;
using Substra.Samples.FedAvg;

namespace Substra.Samples.Tests;

/// <summary>
/// The sample's functions built with NativeAOT (PublishAot): no trim or AOT warning, archives holding only the native
/// executable on an image without .NET, and the FedAvg plan gives the same performances with them as with the
/// framework-dependent archives, on the subprocess backend and in Docker containers.
/// </summary>
public sealed partial class NativeArchiveTests(NativeSampleFunctions native) : IClassFixture<NativeSampleFunctions>
{
    [Fact]
    public void The_native_build_has_no_trim_or_AOT_warning_and_its_archives_hold_the_executable_alone()
    {
        Assert.True(native.Build.Succeeded, native.Build.ToString());
        Assert.Contains("(NativeAot)", native.Build.Output, StringComparison.Ordinal);
        var warnings = TrimOrAotWarning().Matches(native.Build.Output).Select(match => match.Value).Distinct().ToList();
        Assert.True(warnings.Count == 0, $"Trim/AOT warnings: {string.Join(", ", warnings)}\n{native.Build.Output}");

        foreach (var function in new[] { "aggregate", "evaluate", "train" })
        {
            using var archive = ZipFile.OpenRead(Path.Combine(native.FunctionsFolder, function + ".zip"));
            Assert.Equal([".dockerignore", "Dockerfile", "Substra.Samples.FedAvg.Functions"],
                archive.Entries.Select(entry => entry.FullName).Order(StringComparer.Ordinal));
            var executable = archive.GetEntry("Substra.Samples.FedAvg.Functions")!;
            Assert.Equal(0x1ED, (executable.ExternalAttributes >> 16) & 0x1FF);
            using var reader = new StreamReader(archive.GetEntry("Dockerfile")!.Open());
            var dockerfile = reader.ReadToEnd();
            Assert.Contains("FROM mcr.microsoft.com/dotnet/runtime-deps:10.0", dockerfile, StringComparison.Ordinal);
            Assert.Contains($"ENTRYPOINT [\"./Substra.Samples.FedAvg.Functions\", \"--function-name\", \"{function}\"]", dockerfile, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_plan_gives_the_framework_dependent_performances_with_native_archives_on_the_subprocess_backend()
    {
        Assert.True(native.Build.Succeeded, native.Build.ToString());
        var expected = await native.FrameworkDependentReport.Value;

        var report = await native.RunPlanAsync(native.ArtifactsFolder, "subprocess");

        AssertSamePerformances(expected, report);
    }

    [Fact]
    public async Task The_plan_gives_the_framework_dependent_performances_with_native_archives_in_Docker_containers()
    {
        Assert.True(native.Build.Succeeded, native.Build.ToString());
        var expected = await native.FrameworkDependentReport.Value;

        var report = await native.RunPlanAsync(native.ArtifactsFolder, "docker");

        AssertSamePerformances(expected, report);
    }

    private static void AssertSamePerformances(PerformanceReport expected, PerformanceReport actual)
    {
        Assert.Equal([1, 2], expected.Rounds);
        Assert.Equal(["org-1", "org-2", "org-3"], expected.Organisations);
        // Every model's accuracy on every organisation (FedAvg per round, each organisation alone, centralised).
        static string Rows(PerformanceReport report) => string.Join('\n', report.Models
            .Select(model => $"{model.Kind} {model.Round} {model.TrainedOn}: {string.Join(' ', model.Accuracies.Select(accuracy => accuracy.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}"));
        Assert.Equal(Rows(expected), Rows(actual));
    }

    [GeneratedRegex(@"\bIL[23]\d{3}\b")]
    private static partial Regex TrimOrAotWarning();
}
