namespace Substra.Sdk.Exceptions;

/// <summary>A configuration file was given without a client name (the reference's <c>ConfigurationInfoError</c>).</summary>
public class ConfigurationInfoException : SdkException
{
    /// <summary>Creates the exception with the message that says what is wrong, and the error that caused it if any.</summary>
    public ConfigurationInfoException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
