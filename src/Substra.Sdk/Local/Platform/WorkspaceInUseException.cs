using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Local.Platform;

/// <summary>The workspace folder is owned by another process's local platform.</summary>
public sealed class WorkspaceInUseException(string message, Exception? innerException = null) : SdkException(message, innerException);
