namespace Substra.Sdk.Exceptions;

/// <summary>A list was ordered on a field that ordering is not available on (the reference's <c>OrderingFormatError</c>).</summary>
public class OrderingFormatException : SdkException
{
    public OrderingFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
