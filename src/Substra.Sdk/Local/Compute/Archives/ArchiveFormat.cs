namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>The container and compression of a function archive, detected from its first bytes.</summary>
internal enum ArchiveFormat
{
    Unknown,
    Zip,
    Tar,
    TarGzip,
    TarBzip2,
    TarXz,
    TarZstandard,
}
