namespace Substra.Sdk.Configuration;

/// <summary>Where a configuration value came from.</summary>
public enum ConfigurationOrigin
{
    /// <summary>The built-in default.</summary>
    Default,
    /// <summary>The YAML configuration file.</summary>
    ConfigurationFile,
    /// <summary>A <c>SUBSTRA_*</c> environment variable.</summary>
    Environment,
    /// <summary><see cref="SubstraClientOptions"/>, set in code.</summary>
    Code,
}
