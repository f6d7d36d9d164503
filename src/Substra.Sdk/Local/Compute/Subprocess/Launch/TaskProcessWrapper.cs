using System.Diagnostics;

namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>
/// The util-linux programs a task process is started through, when the machine has them: <c>setpriv --pdeathsig KILL</c>
/// (the process gets SIGKILL when the thread that started it ends, so when this process dies, even killed) and
/// <c>setsid</c> (its own session and process group, so one signal reaches every process that stayed in it). Both exec
/// in place: the started process is the function's, with the same pid.
/// </summary>
internal sealed class TaskProcessWrapper
{
    private static readonly Lazy<TaskProcessWrapper> OfThisMachine = new(() => Detect(Environment.GetEnvironmentVariable("PATH")));

    private TaskProcessWrapper(string? setpriv, string? setsid)
    {
        SetPriv = setpriv;
        SetSid = setsid;
    }

    /// <summary>The wrapper found on this process's PATH (looked up once).</summary>
    public static TaskProcessWrapper ForThisMachine => OfThisMachine.Value;

    /// <summary><c>setpriv</c> when it is on the PATH and knows <c>--pdeathsig</c>: task processes die with the host.</summary>
    public string? SetPriv { get; }

    /// <summary><c>setsid</c> when it is on the PATH: each task process leads its own process group.</summary>
    public string? SetSid { get; }

    public bool DiesWithHost => SetPriv is not null;

    public bool OwnProcessGroup => SetSid is not null;

    public static TaskProcessWrapper Detect(string? pathVariable)
    {
        if (OperatingSystem.IsWindows())
        {
            return new TaskProcessWrapper(null, null);
        }

        var setpriv = ExecutableSearch.Find("setpriv", pathVariable);
        return new TaskProcessWrapper(
            setpriv is not null && KnowsDeathSignal(setpriv) ? setpriv : null,
            ExecutableSearch.Find("setsid", pathVariable));
    }

    /// <summary>Sets the program of <paramref name="startInfo"/>: the wrappers, then <paramref name="program"/> and its arguments.</summary>
    public void Apply(ProcessStartInfo startInfo, string program, IEnumerable<string> arguments)
    {
        var tokens = new List<string>();
        if (SetPriv is not null)
        {
            tokens.AddRange([SetPriv, "--pdeathsig", "KILL", "--"]);
        }

        if (SetSid is not null)
        {
            tokens.AddRange([SetSid, "--"]);
        }

        tokens.Add(program);
        tokens.AddRange(arguments);
        startInfo.FileName = tokens[0];
        startInfo.ArgumentList.Clear();
        foreach (var token in tokens.Skip(1))
        {
            startInfo.ArgumentList.Add(token);
        }
    }

    /// <summary>util-linux before 2.33 has a setpriv without <c>--pdeathsig</c>.</summary>
    private static bool KnowsDeathSignal(string setpriv)
    {
        var probe = new ProcessStartInfo(setpriv)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "--pdeathsig", "KILL", "--", setpriv, "--version" },
        };
        try
        {
            using var process = Process.Start(probe)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            return process.WaitForExit(TimeSpan.FromSeconds(10)) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
