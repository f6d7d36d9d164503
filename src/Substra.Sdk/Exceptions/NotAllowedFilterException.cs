namespace Substra.Sdk.Exceptions;

/// <summary>A list filter is not allowed for this asset type (the reference's <c>NotAllowedFilterError</c>).</summary>
public class NotAllowedFilterException : SdkException
{
    public NotAllowedFilterException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
