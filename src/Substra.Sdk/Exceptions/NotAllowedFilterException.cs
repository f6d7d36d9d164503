namespace Substra.Sdk.Exceptions;

/// <summary>A list filter is not allowed for this asset type (the reference's <c>NotAllowedFilterError</c>).</summary>
public class NotAllowedFilterException : SdkException
{
    /// <summary>Creates the exception with the message that says what is wrong, and the error that caused it if any.</summary>
    public NotAllowedFilterException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
