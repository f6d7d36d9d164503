namespace Substra.Sdk.Exceptions;

/// <summary>A list was ordered on a field that ordering is not available on (the reference's <c>OrderingFormatError</c>).</summary>
public class OrderingFormatException : SdkException
{
    /// <summary>Creates the exception with the message that says what is wrong, and the error that caused it if any.</summary>
    public OrderingFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
