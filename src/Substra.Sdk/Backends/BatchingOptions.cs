namespace Substra.Sdk.Backends;

/// <summary>How plan tasks are sent: in batches of <see cref="BatchSize"/> when <see cref="AutoBatching"/>, else at once.</summary>
internal sealed record BatchingOptions(bool AutoBatching = true, int BatchSize = 500)
{
    public static BatchingOptions Default { get; } = new();
}
