using Microsoft.Extensions.Logging;
using Substra.Samples.FedAvg.Model;
using Substra.Tools;

namespace Substra.Samples.FedAvg.Functions;

/// <summary>
/// The three functions of FedAvg. Each task gets a fresh instance from the task's container, with the training settings
/// registered by <see cref="Startup"/>.
/// </summary>
public sealed partial class FedAvgFunctions(SgdOptions training, ILogger<FedAvgFunctions> logger)
{
    /// <summary>Trains the round's model (or a zero model in the first round) on this organisation's samples.</summary>
    [SubstraFunction("train")]
    public async Task TrainAsync(
        [DataSamples] LabeledData data,
        [ModelInput("model", Optional = true)] Stream? model,
        [ModelOutput("model")] Stream trained,
        TaskProperties task,
        CancellationToken cancellationToken)
    {
        LogisticRegression start = model is null ? LogisticRegression.Zero(data.FeatureCount) : LogisticRegression.ReadFrom(model);

        // The work is CPU-bound; running it off the calling thread keeps cancellation responsive.
        LogisticRegression result = await Task.Run(() => SgdTrainer.Train(start, data, training), cancellationToken).ConfigureAwait(false);
        result.WriteTo(trained);
        logger.LogInformation("Trained on {Rows} rows (rank {Rank}), accuracy on them {Accuracy:F3}", data.Count, task.Rank, result.Accuracy(data));
    }

    /// <summary>FedAvg: the average of the trained models, weighted by their training rows.</summary>
    [SubstraFunction("aggregate")]
    public void Aggregate([ModelInput("models")] IReadOnlyList<Stream> models, [ModelOutput("model")] Stream average)
    {
        LogisticRegression result = FederatedAveraging.Average(models.Select(LogisticRegression.ReadFrom).ToList());
        result.WriteTo(average);
        logger.LogInformation("Averaged {Count} models ({Rows} rows in all)", models.Count, result.TrainedRows);
    }

    /// <summary>The accuracy of the model on this organisation's test samples.</summary>
    [SubstraFunction("evaluate")]
    [return: PerformanceOutput("performance")]
    public Task<double> EvaluateAsync([DataSamples] LabeledData data, [ModelInput("model")] Stream model, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        double accuracy = LogisticRegression.ReadFrom(model).Accuracy(data);
        logger.LogInformation("Accuracy {Accuracy:F4} on {Rows} rows", accuracy, data.Count);
        return Task.FromResult(accuracy);
    }
}
