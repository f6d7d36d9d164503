namespace Substra.Sdk.Exceptions;

/// <summary>A compute plan key is not a UUID (the reference's <c>ComputePlanKeyFormatError</c>).</summary>
public class ComputePlanKeyFormatException : SdkException
{
    /// <summary>Creates the exception with the message that says what is wrong, and the error that caused it if any.</summary>
    public ComputePlanKeyFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
