namespace Substra.Sdk.Exceptions;

/// <summary>A compute plan key is not a UUID (the reference's <c>ComputePlanKeyFormatError</c>).</summary>
public class ComputePlanKeyFormatException : SdkException
{
    public ComputePlanKeyFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
