namespace Substra.Tools.Python;

/// <summary>The Python side of the bridge failed (no interpreter, a missing module, the opener raised…); the message says which and what to do.</summary>
internal sealed class PythonBridgeException(string message) : Exception(message)
{
}
