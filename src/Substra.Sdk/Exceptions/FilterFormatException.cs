namespace Substra.Sdk.Exceptions;

/// <summary>A list filter has the wrong shape (the reference's <c>FilterFormatError</c>).</summary>
public class FilterFormatException : SdkException
{
    /// <summary>Creates the exception with the message that says what is wrong, and the error that caused it if any.</summary>
    public FilterFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
