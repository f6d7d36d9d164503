namespace Substra.Sdk.Exceptions;

/// <summary>A configuration value is wrong: the message names the variable or file entry and the accepted values.</summary>
public class BadConfigurationException : SdkException
{
    /// <summary>Creates the exception with the message that says what is wrong, and the error that caused it if any.</summary>
    public BadConfigurationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
