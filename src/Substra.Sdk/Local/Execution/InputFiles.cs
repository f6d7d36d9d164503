using System.Runtime.InteropServices;
using Substra.Sdk.Local.Compute;

namespace Substra.Sdk.Local.Execution;

/// <summary>
/// The model and opener files of one task, placed in its <c>inputs/</c> folder once the store's lock is released. A
/// function writing to an input must not change the kept model or the registered opener (their checksums are recorded),
/// so each task gets its own copy (File.Copy clones the file instead where the file system can); a spawner that mounts
/// <c>inputs/</c> read-only gets hard links, which cost nothing.
/// </summary>
internal sealed class InputFiles(ITaskSpawner spawner)
{
    private readonly List<(string Source, string Destination)> _files = [];

    public void Add(string source, string destination) => _files.Add((source, destination));

    public void Place()
    {
        var link = spawner is IMountsInputsReadOnly && !OperatingSystem.IsWindows();
        foreach (var (source, destination) in _files)
        {
            if (link && Link(source, destination) == 0)
            {
                continue;
            }

            File.Copy(source, destination, overwrite: false);
        }
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project for a single call.
    private static extern int Link(string oldpath, string newpath);
#pragma warning restore SYSLIB1054
}
