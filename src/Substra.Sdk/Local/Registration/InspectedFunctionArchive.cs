using Substra.Sdk.Local.Compute.Archives;
using Substra.Sdk.Local.Compute.Subprocess;

namespace Substra.Sdk.Local.Registration;

/// <summary>A function archive that passed registration's checks: what it holds and the ENTRYPOINT its image will run.</summary>
internal sealed record InspectedFunctionArchive(string Path, ArchiveFormat Format, long Entries, long ExpandedBytes, DockerfileEntrypoint Entrypoint)
{
    /// <summary>The <c>--function-name</c> of the ENTRYPOINT.</summary>
    public string FunctionName => Entrypoint.FunctionName;
}
