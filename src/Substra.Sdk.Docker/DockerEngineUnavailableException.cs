namespace Substra.Sdk.Docker;

/// <summary>No Docker engine answers at the configured endpoint.</summary>
public sealed class DockerEngineUnavailableException(string message, Exception? inner = null) : Exceptions.SdkException(message, inner);
