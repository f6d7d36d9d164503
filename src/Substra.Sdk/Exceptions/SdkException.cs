namespace Substra.Sdk.Exceptions;

/// <summary>The base of the SDK's errors (the reference's <c>SDKException</c>).</summary>
public class SdkException : Exception
{
    public SdkException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
