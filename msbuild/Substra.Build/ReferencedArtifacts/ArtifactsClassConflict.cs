namespace Substra.Build.ReferencedArtifacts;

/// <summary>Two referenced artifacts that the generated class cannot tell apart; the message says which and how to fix it.</summary>
internal sealed class ArtifactsClassConflict(string message) : Exception(message);
