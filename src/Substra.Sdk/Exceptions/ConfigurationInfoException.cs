namespace Substra.Sdk.Exceptions;

/// <summary>A configuration file was given without a client name (the reference's <c>ConfigurationInfoError</c>).</summary>
public class ConfigurationInfoException : SdkException
{
    public ConfigurationInfoException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
