namespace Substra.Sdk.Exceptions;

/// <summary>An asset key is already used in the local store (the reference's <c>KeyAlreadyExistsError</c>).</summary>
public class KeyAlreadyExistsException : SdkException
{
    public KeyAlreadyExistsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
