using System.Diagnostics;

namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>A task process started with <see cref="Process"/> (<see cref="ProcessClassLauncher"/>), its output pumped line by line.</summary>
internal sealed class ProcessClassTaskProcess : ITaskProcess
{
    private readonly Process _process;
    private readonly CancellationTokenSource _stopReading = new();

    public ProcessClassTaskProcess(Process process, bool ownProcessGroup, TaskOutputLog log)
    {
        _process = process;
        Id = process.Id;
        OwnProcessGroup = ownProcessGroup;
        OutputEnded = Task.WhenAll(log.PumpAsync(process.StandardOutput, _stopReading.Token), log.PumpAsync(process.StandardError, _stopReading.Token));
        Exited = ExitCodeAsync();
    }

    public int Id { get; }

    public bool OwnProcessGroup { get; }

    public Task<int> Exited { get; }

    public Task OutputEnded { get; }

    public void StopReading() => _stopReading.Cancel();

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: !OwnProcessGroup);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exited while being killed.
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        _stopReading.Dispose();
    }

    private async Task<int> ExitCodeAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }
}
