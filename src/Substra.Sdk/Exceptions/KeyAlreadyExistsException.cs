namespace Substra.Sdk.Exceptions;

/// <summary>An asset key is already used in the local store (the reference's <c>KeyAlreadyExistsError</c>).</summary>
public class KeyAlreadyExistsException : Exception
{
    public KeyAlreadyExistsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
