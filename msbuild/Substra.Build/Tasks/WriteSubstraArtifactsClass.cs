using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Substra.Build.Diagnostics;
using Substra.Build.IO;
using Substra.Build.ReferencedArtifacts;

namespace Substra.Build.Tasks;

/// <summary>
/// Writes the generated <c>SubstraArtifacts</c> class of a project from the artifacts its referenced projects built
/// (their <c>SubstraGetArtifacts</c> items). The file is rewritten only when its text changes, so an unchanged set of
/// artifacts does not recompile the project.
/// </summary>
public sealed class WriteSubstraArtifactsClass : Microsoft.Build.Utilities.Task
{
    /// <summary>Items whose identity is a <c>.zip</c> or <c>.opener</c>, with <c>SubstraKind</c> and <c>SubstraProject</c>.</summary>
    public ITaskItem[] Artifacts { get; set; } = [];

    public string? RootNamespace { get; set; }

    [Required, NotNull]
    public string? OutputFile { get; set; }

    public override bool Execute()
    {
        var artifacts = new List<ReferencedArtifact>();
        foreach (var item in Artifacts)
        {
            var kind = item.GetMetadata("SubstraKind");
            artifacts.Add(new ReferencedArtifact(
                kind == "opener" ? ArtifactKind.Opener : ArtifactKind.Function,
                item.GetMetadata("FullPath"),
                item.GetMetadata("SubstraProject")));
        }

        string source;
        try
        {
            source = ArtifactsClassWriter.Write(RootNamespace, artifacts);
        }
        catch (ArtifactsClassConflict conflict)
        {
            Log.LogError(null, ErrorCodes.ArtifactsClassConflict, null, BuildEngine?.ProjectFileOfTaskNode ?? string.Empty, 0, 0, 0, 0, conflict.Message);
            return false;
        }

        if (FileUpdater.WriteIfChanged(Path.GetFullPath(OutputFile), Encoding.UTF8.GetBytes(source)))
        {
            Log.LogMessage(MessageImportance.Low, "Substra: wrote {0} ({1} referenced artifacts)", OutputFile, artifacts.Count);
        }

        return true;
    }
}
