using System.Diagnostics.CodeAnalysis;
using Microsoft.Build.Framework;
using Substra.Build.Metadata;

namespace Substra.Build.Tasks;

/// <summary>
/// How many functions the compiled assembly records: an executable without functions (a plan runner that references
/// Substra.Tools) is never published for the platform.
/// </summary>
public sealed class CountSubstraFunctions : Microsoft.Build.Utilities.Task
{
    /// <summary>The compiled assembly (<c>@(IntermediateAssembly)</c>).</summary>
    [Required, NotNull]
    public string? AssemblyPath { get; set; }

    [Output]
    public int FunctionCount { get; private set; }

    public override bool Execute()
    {
        try
        {
            FunctionCount = AssemblyMetadataReader.Read(AssemblyPath).Functions.Count;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            // PackageSubstraArtifacts reports an unreadable assembly (SUBB006) with its fix.
            Log.LogMessage(MessageImportance.Low, "Substra: cannot read {0} ({1}); nothing to publish.", AssemblyPath, exception.Message);
        }

        return true;
    }
}
