namespace Substra.Sdk.Exceptions;

/// <summary>The base of the SDK's errors (the reference's <c>SDKException</c>).</summary>
public class SdkException : Exception
{
    /// <summary>Creates the exception with the message that says what is wrong, and the error that caused it if any.</summary>
    public SdkException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
