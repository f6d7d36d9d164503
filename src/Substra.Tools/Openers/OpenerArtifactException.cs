namespace Substra.Tools.Openers;

/// <summary>A file given as an opener is not a usable .NET opener artifact; the message says why and what to do.</summary>
internal sealed class OpenerArtifactException(string message, Exception? innerException = null) : Exception(message, innerException)
{
}
