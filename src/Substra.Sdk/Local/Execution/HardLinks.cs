using System.Runtime.InteropServices;

namespace Substra.Sdk.Local.Execution;

/// <summary>Hard links (as the reference does for task inputs), falling back to a copy across file systems or on Windows.</summary>
internal static partial class HardLinks
{
    public static void LinkOrCopy(string source, string destination)
    {
        if (!OperatingSystem.IsWindows() && link(source, destination) == 0)
        {
            return;
        }

        File.Copy(source, destination, overwrite: false);
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project for a single call.
    private static extern int link(string oldpath, string newpath);
#pragma warning restore SYSLIB1054
}
