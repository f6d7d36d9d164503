using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SubstraApp.Data;
using SubstraApp.Functions;

namespace SubstraApp.Tests;

// Functions are plain classes: test them by calling the methods, without a platform.
public sealed class MeanFunctionsTests
{
    private readonly MeanFunctions functions = new(NullLogger<MeanFunctions>.Instance);

    [Fact]
    public async Task Train_writes_the_mean_and_evaluate_scores_it()
    {
        var data = new Measurements([1.0, 2.0, 6.0]);
        using var model = new MemoryStream();

        await functions.TrainAsync(data, model, CancellationToken.None);
        Assert.Equal("3", Encoding.UTF8.GetString(model.ToArray()));

        model.Position = 0;
        double error = await functions.EvaluateAsync(data, model, CancellationToken.None);
        Assert.Equal(2.0, error, 10);
    }

    [Fact]
    public async Task Train_refuses_empty_data()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => functions.TrainAsync(new Measurements([]), new MemoryStream(), CancellationToken.None));
    }

    [Fact]
    public void The_generated_handles_describe_the_functions()
    {
        Assert.Equal("train", MeanFunctions.Handles.Train.Name);
        Assert.True(MeanFunctions.Handles.Train.UsesData);
        Assert.Equal("model", MeanFunctions.Handles.Evaluate.Inputs.Model.Identifier);
    }

    [Fact]
    public void The_opener_reads_every_sample_folder()
    {
        string folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, MeasurementsOpener.FileName), "1.5\n2.5\n");

            Measurements data = new MeasurementsOpener().GetData([folder, folder]);

            Assert.Equal([1.5, 2.5, 1.5, 2.5], data.Values);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
