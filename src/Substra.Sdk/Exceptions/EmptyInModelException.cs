namespace Substra.Sdk.Exceptions;

/// <summary>A task input model is empty.</summary>
public class EmptyInModelException : SdkException
{
    /// <summary>Creates the exception with the message that says what is wrong, and the error that caused it if any.</summary>
    public EmptyInModelException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
