namespace Substra.Sdk.Exceptions;

/// <summary>A list filter has the wrong shape (the reference's <c>FilterFormatError</c>).</summary>
public class FilterFormatException : SdkException
{
    public FilterFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
