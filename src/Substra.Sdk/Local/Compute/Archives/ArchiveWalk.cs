namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>What walking an archive found: its format, how many entries it holds and how many bytes they expand to.</summary>
internal sealed record ArchiveWalk(ArchiveFormat Format, long Entries, long ExpandedBytes);
