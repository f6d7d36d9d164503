using Microsoft.Build.Framework;
using Substra.Build.Diagnostics;

namespace Substra.Build.Tasks;

/// <summary>
/// Before a NativeAOT publish: the machine must be Linux (NativeAOT compiles for the OS it runs on) and the linker
/// NativeAOT calls (<c>clang</c> or else <c>gcc</c>, or <c>CppCompilerAndLinker</c>) must be found, so that the error says what to install
/// instead of failing inside ILC's link step.
/// </summary>
public sealed class CheckNativeToolchain : Microsoft.Build.Utilities.Task
{
    /// <summary>The linker: a name looked up on PATH, or a path.</summary>
    public string? Linker { get; set; }

    public string? RuntimeIdentifier { get; set; }

    public override bool Execute()
    {
        if (!OperatingSystem.IsLinux())
        {
            LogError(ErrorCodes.NativeAotNotLinux,
                $"Native (NativeAOT) function archives are built on Linux only: NativeAOT cannot compile for {RuntimeIdentifier} on this operating system. Build on Linux (or in a Linux container), or set SubstraNativeAot=false to ship ReadyToRun archives.");
            return false;
        }

        // Unset, the SDK links with clang, or gcc when there is no clang.
        var linker = string.IsNullOrWhiteSpace(Linker) ? "clang" : Linker.Trim();
        if (Find(linker) is null && (!string.IsNullOrWhiteSpace(Linker) || Find("gcc") is null))
        {
            LogError(ErrorCodes.NativeToolchainMissing,
                $"Native (NativeAOT) function archives are linked by '{linker}', which is not on PATH. Install the NativeAOT prerequisites (Debian/Ubuntu: apt-get install -y clang zlib1g-dev), or set SubstraNativeAot=false to ship ReadyToRun archives.");
            return false;
        }

        return true;
    }

    private static string? Find(string program)
    {
        if (program.Contains('/'))
        {
            return File.Exists(program) ? program : null;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    // Like the packaging task's errors: a help link, repeated at the end of the message for plain console logs.
    private void LogError(string code, string message)
        => Log.LogError(null, code, null, PackageSubstraArtifacts.HelpLink(code), BuildEngine?.ProjectFileOfTaskNode ?? string.Empty, 0, 0, 0, 0,
            message + " (" + PackageSubstraArtifacts.HelpLink(code) + ")");
}
