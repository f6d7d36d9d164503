namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>What the <see cref="ArchiveLimits"/> are checked on while an archive is walked.</summary>
internal enum SizeCheck
{
    /// <summary>The sizes the entries declare: registration, which reads no content.</summary>
    Declared,

    /// <summary>The declared sizes first, then the bytes actually read from each entry: expansion, where sizes may lie.</summary>
    Metered,
}
