namespace Substra.Sdk.Exceptions;

/// <summary>The server answered something the SDK cannot read (the reference's <c>InvalidResponse</c>).</summary>
public class InvalidResponseException(string? responseText, string message, Exception? innerException = null)
    : SdkException(message, innerException)
{
    /// <summary>The body of the response.</summary>
    public string? ResponseText { get; } = responseText;
}
