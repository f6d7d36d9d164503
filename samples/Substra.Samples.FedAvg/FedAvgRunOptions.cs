using Substra.Samples.FedAvg.Model;

namespace Substra.Samples.FedAvg;

/// <summary>What one run of the sample does and where it writes.</summary>
public sealed record FedAvgRunOptions
{
    /// <summary>Generated data, the local backend's workspace, and the performance CSV and chart go here.</summary>
    public string WorkDirectory { get; init; } = Path.Combine("artifacts", "fedavg");

    public int Rounds { get; init; } = FedAvgSettings.Rounds;

    /// <summary>How many tasks run at once; the processor count when null.</summary>
    public int? MaxParallelTasks { get; init; }

    /// <summary>
    /// Another build's <c>substra/</c> folder whose function archives the plan runs (e.g. a NativeAOT build of the
    /// functions); those <c>dotnet build</c> wrote for the referenced project when null. The opener stays this build's.
    /// </summary>
    public string? FunctionsArtifactsFolder { get; init; }

    /// <summary>Parses <c>--work-dir DIR</c>, <c>--rounds N</c> and <c>--parallel N</c>.</summary>
    public static FedAvgRunOptions Parse(IReadOnlyList<string> args)
    {
        var options = new FedAvgRunOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Count(string name)
            {
                string text = Value();
                return int.TryParse(text, out int value) && value > 0
                    ? value
                    : throw new ArgumentException($"{name} must be a positive whole number, not '{text}'.");
            }

            options = args[i] switch
            {
                "--work-dir" => options with { WorkDirectory = Value() },
                "--rounds" => options with { Rounds = Count("--rounds") },
                "--parallel" => options with { MaxParallelTasks = Count("--parallel") },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [--work-dir DIR] [--rounds N] [--parallel N]"),
            };
        }

        return options;
    }
}
