namespace Substra.Sdk.Exceptions;

/// <summary>A wait on an asset ended badly; <see cref="Asset"/> is the asset as last fetched.</summary>
public class FutureException(string message, object? asset) : SdkException(message)
{
    /// <summary>The asset (task, compute plan or function) the wait was about.</summary>
    public object? Asset { get; } = asset;
}
