using System.Globalization;
using Microsoft.Extensions.Logging;
using Substra.Tools;
using SubstraApp.Data;

namespace SubstraApp.Functions;

/// <summary>
/// A tiny model to start from: it predicts the mean of the training values. Functions get their dependencies by
/// constructor injection; the generator writes the registration, the dispatch and the typed handles.
/// </summary>
public sealed partial class MeanFunctions(ILogger<MeanFunctions> logger)
{
    /// <summary>Learns the mean of the organisation's values.</summary>
    [SubstraFunction("train")]
    public async Task TrainAsync([DataSamples] Measurements data, [ModelOutput("model")] Stream model, CancellationToken cancellationToken)
    {
        if (data.Values.Count == 0)
        {
            throw new InvalidOperationException("The data samples hold no value: nothing to learn.");
        }

        double mean = data.Values.Average();
        await using var writer = new StreamWriter(model, leaveOpen: true);
        await writer.WriteAsync(mean.ToString("R", CultureInfo.InvariantCulture).AsMemory(), cancellationToken);
        logger.LogInformation("Learned mean {Mean} from {Count} values", mean, data.Values.Count);
    }

    /// <summary>The mean absolute error of the learned mean on the organisation's values (lower is better).</summary>
    [SubstraFunction("evaluate")]
    [return: PerformanceOutput("performance")]
    public async Task<double> EvaluateAsync([DataSamples] Measurements data, [ModelInput("model")] Stream model, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(model);
        double mean = double.Parse(await reader.ReadToEndAsync(cancellationToken), CultureInfo.InvariantCulture);
        double error = data.Values.Average(v => Math.Abs(v - mean));
        logger.LogInformation("Mean absolute error {Error}", error);
        return error;
    }
}
