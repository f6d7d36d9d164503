namespace Substra.Build.ReferencedArtifacts;

/// <summary>A function archive or opener artifact that a referenced project built (a line of its artifacts.txt).</summary>
/// <param name="Kind">What the artifact is.</param>
/// <param name="Path">The <c>.zip</c> of a function, the <c>.opener</c> of an opener; the schema and description are its siblings.</param>
/// <param name="Project">The project that built it.</param>
internal sealed record ReferencedArtifact(ArtifactKind Kind, string Path, string Project)
{
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    public string Description => System.IO.Path.ChangeExtension(Path, ".md");

    public string Schema => System.IO.Path.ChangeExtension(Path, ".json");
}
