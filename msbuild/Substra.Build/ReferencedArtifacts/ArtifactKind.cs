namespace Substra.Build.ReferencedArtifacts;

internal enum ArtifactKind
{
    Function,
    Opener,
}
