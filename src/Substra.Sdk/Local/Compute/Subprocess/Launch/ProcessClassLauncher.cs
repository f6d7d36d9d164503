using System.ComponentModel;
using System.Diagnostics;

namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>
/// Starts task processes with <see cref="Process"/>, where <see cref="NativeTaskLauncher"/> cannot run (not Linux, or a
/// kernel before 5.4): through <c>setpriv --pdeathsig KILL</c> and <c>setsid</c> when the machine has them
/// (<see cref="TaskProcessWrapper"/>), from one long-lived thread (<see cref="ProcessStartThread"/>).
/// </summary>
internal sealed class ProcessClassLauncher : ITaskProcessLauncher
{
    private readonly TaskProcessWrapper _wrapper = TaskProcessWrapper.ForThisMachine;
    private readonly ProcessStartThread _starter = new();

    public bool DiesWithHost => _wrapper.DiesWithHost;

    public bool OwnProcessGroup => _wrapper.OwnProcessGroup;

    public async Task<ITaskProcess> StartAsync(TaskLaunch launch, TaskOutputLog log)
    {
        var startInfo = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = launch.WorkingDirectory,
        };
        startInfo.Environment.Clear();
        foreach (var (name, value) in launch.Environment)
        {
            startInfo.Environment[name] = value;
        }

        _wrapper.Apply(startInfo, launch.Program, launch.Arguments);
        var process = new Process { StartInfo = startInfo };
        try
        {
            await _starter.StartAsync(process).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new TaskLaunchException(e.Message, e);
        }

        return new ProcessClassTaskProcess(process, _wrapper.OwnProcessGroup, log);
    }

    public void Dispose() => _starter.Dispose();
}
