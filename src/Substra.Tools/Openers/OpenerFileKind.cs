namespace Substra.Tools.Openers;

/// <summary>What a file given as the <c>opener</c> input is, judged by its content.</summary>
internal enum OpenerFileKind
{
    /// <summary>A zip with a <c>substra-opener.json</c> entry.</summary>
    DotNetArtifact,
    /// <summary>A zip without the manifest entry.</summary>
    ZipWithoutManifest,
    /// <summary>A text file: a Python opener module, as the reference registers them.</summary>
    PythonModule,
    /// <summary>Anything else.</summary>
    Unknown,
}
