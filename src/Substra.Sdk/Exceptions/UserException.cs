namespace Substra.Sdk.Exceptions;

/// <summary>A misuse of the SDK by its caller.</summary>
public class UserException : SdkException
{
    public UserException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
