namespace Substra.Sdk.Exceptions;

/// <summary>A file or folder of a spec could not be read.</summary>
public class LoadDataException : SdkException
{
    /// <summary>Creates the exception with the message that says what is wrong, and the error that caused it if any.</summary>
    public LoadDataException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
