using Microsoft.Extensions.Logging;
using Substra.Tools;

namespace Substra.Bench.TrivialFunction;

/// <summary>Functions that do next to nothing, so that a run measures the runtime's own start-up.</summary>
public sealed partial class TrivialFunctions(ILogger<TrivialFunctions> logger)
{
    /// <summary>Reads a model and writes it back: the "reads a 1 KB input, writes a 1 KB output".</summary>
    [SubstraFunction("copy")]
    public static void Copy([ModelInput("model")] Stream model, [ModelOutput("model")] Stream output) => model.CopyTo(output);

    /// <summary>The same through what most functions use: a class resolved with an injected logger, and async I/O.</summary>
    [SubstraFunction("copy_injected")]
    public async Task CopyInjectedAsync([ModelInput("model")] Stream model, [ModelOutput("model")] Stream output, CancellationToken cancellationToken)
    {
        logger.LogInformation("Copying {Bytes} bytes.", model.Length);
        await model.CopyToAsync(output, cancellationToken);
    }
}
