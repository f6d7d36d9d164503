namespace Substra.Sdk.Configuration;

/// <summary>Where a configuration value came from.</summary>
public enum ConfigurationOrigin
{
    Default,
    ConfigurationFile,
    Environment,
    Code,
}
