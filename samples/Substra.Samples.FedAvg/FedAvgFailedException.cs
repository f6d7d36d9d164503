namespace Substra.Samples.FedAvg;

/// <summary>The plan did not finish: the message says which task failed and shows the end of its logs.</summary>
public sealed class FedAvgFailedException : Exception
{
    public FedAvgFailedException()
    {
    }

    public FedAvgFailedException(string message)
        : base(message)
    {
    }

    public FedAvgFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
