namespace Substra.Tools.Openers;

/// <summary>A file to put in an opener artifact.</summary>
/// <param name="Name">The entry name, relative to the zip root with <c>/</c> separators (usually just the file name).</param>
/// <param name="SourcePath">The file to copy.</param>
internal sealed record OpenerArtifactEntry(string Name, string SourcePath);
