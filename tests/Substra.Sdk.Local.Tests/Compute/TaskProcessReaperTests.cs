using System.Diagnostics;
using Substra.Sdk.Local.Compute.Subprocess;
using Substra.Sdk.Local.Tests.Infrastructure;

namespace Substra.Sdk.Local.Tests.Compute;

/// <summary>The reaper kills the processes carrying exactly the given id, in exactly its variable, and nothing else.</summary>
public sealed class TaskProcessReaperTests
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task KillPlatform_kills_the_processes_of_that_platform_and_nothing_else()
    {
        var platform = "reaper-test-" + Guid.NewGuid().ToString("N");
        var processes = new List<Process>();
        try
        {
            var target = Sleep(processes, (TaskProcessReaper.PlatformVariable, platform));
            var otherPlatform = Sleep(processes, (TaskProcessReaper.PlatformVariable, "reaper-test-" + Guid.NewGuid().ToString("N")));
            var longerId = Sleep(processes, (TaskProcessReaper.PlatformVariable, platform + "-2"));
            var shorterId = Sleep(processes, (TaskProcessReaper.PlatformVariable, platform[..^1]));
            var otherVariable = Sleep(processes, (TaskProcessReaper.RunVariable, platform));
            var insideAnotherValue = Sleep(processes, ("SUBSTRA_DECOY", $"{TaskProcessReaper.PlatformVariable}={platform}"));

            var killed = TaskProcessReaper.KillPlatform(platform);

            Assert.Equal(1, killed);
            await TaskProcesses.AssertExitedAsync([target.Id], Promptly);
            foreach (var decoy in new[] { otherPlatform, longerId, shorterId, otherVariable, insideAnotherValue })
            {
                Assert.True(TaskProcesses.IsRunning(decoy.Id), $"the decoy {decoy.Id} was killed");
            }
        }
        finally
        {
            KillAll(processes);
        }
    }

    [Fact]
    public async Task KillRun_kills_every_process_of_the_run_and_no_other_run()
    {
        var run = Guid.NewGuid().ToString("N");
        var processes = new List<Process>();
        try
        {
            var first = Sleep(processes, (TaskProcessReaper.RunVariable, run));
            var second = Sleep(processes, (TaskProcessReaper.RunVariable, run));
            var otherRun = Sleep(processes, (TaskProcessReaper.RunVariable, Guid.NewGuid().ToString("N")));

            Assert.Equal(2, TaskProcessReaper.KillRun(run));

            await TaskProcesses.AssertExitedAsync([first.Id, second.Id], Promptly);
            Assert.True(TaskProcesses.IsRunning(otherRun.Id));
            Assert.Equal(0, TaskProcessReaper.KillRun(run));
        }
        finally
        {
            KillAll(processes);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("with\0nul")]
    public void Ids_that_cannot_be_environment_values_are_refused(string id)
    {
        Assert.Throws<ArgumentException>(() => TaskProcessReaper.KillPlatform(id));
        Assert.Throws<ArgumentException>(() => TaskProcessReaper.KillRun(id));
    }

    private static Process Sleep(List<Process> processes, (string Name, string Value) variable)
    {
        var start = new ProcessStartInfo("sleep") { UseShellExecute = false, ArgumentList = { "300" } };
        start.Environment[variable.Name] = variable.Value;
        var process = Process.Start(start)!;
        processes.Add(process);
        return process;
    }

    private static void KillAll(List<Process> processes)
    {
        foreach (var process in processes)
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            process.Dispose();
        }
    }
}
