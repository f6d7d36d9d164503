namespace Substra.Sdk.Exceptions;

/// <summary>An asset key is already used in the local store (the reference's <c>KeyAlreadyExistsError</c>).</summary>
public class KeyAlreadyExistsException : SdkException
{
    /// <summary>Creates the exception with the message that says what is wrong, and the error that caused it if any.</summary>
    public KeyAlreadyExistsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
