namespace Substra.Sdk.Exceptions;

/// <summary>A file or folder of a spec could not be read.</summary>
public class LoadDataException : SdkException
{
    public LoadDataException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
