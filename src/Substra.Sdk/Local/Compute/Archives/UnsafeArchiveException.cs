namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>An archive entry would escape its folder or alias another file; extraction stops.</summary>
internal sealed class UnsafeArchiveException(string message) : Exception(message);
