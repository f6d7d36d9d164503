namespace Substra.Sdk.Exceptions;

/// <summary>A misuse of the SDK by its caller.</summary>
public class UserException : SdkException
{
    /// <summary>Creates the exception with the message that says what is wrong, and the error that caused it if any.</summary>
    public UserException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
