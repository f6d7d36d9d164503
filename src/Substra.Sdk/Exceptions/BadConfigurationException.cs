namespace Substra.Sdk.Exceptions;

/// <summary>A configuration value is wrong: the message names the variable or file entry and the accepted values.</summary>
public class BadConfigurationException : SdkException
{
    public BadConfigurationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
