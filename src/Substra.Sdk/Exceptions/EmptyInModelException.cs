namespace Substra.Sdk.Exceptions;

/// <summary>A task input model is empty.</summary>
public class EmptyInModelException : SdkException
{
    public EmptyInModelException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
