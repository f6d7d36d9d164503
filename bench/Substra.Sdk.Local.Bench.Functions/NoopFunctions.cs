using Substra.Tools;

namespace Substra.Sdk.Local.Bench.Functions;

/// <summary>The same contract as the bench's Python no-op: optional parent models in (not read), one small model out.</summary>
public static partial class NoopFunctions
{
    private static readonly byte[] Model = "{\"value\": 1.0}"u8.ToArray();

    [SubstraFunction("noop")]
    public static void Noop([ModelInput("models", Optional = true)] IReadOnlyList<string> models, [ModelOutput("model")] Stream model) =>
        model.Write(Model);
}
