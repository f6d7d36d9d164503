using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>
/// Starts a program with <c>posix_spawn</c> in a session and process group of its own, every signal back to its default
/// and none blocked (the .NET runtime ignores SIGPIPE, which a child would otherwise inherit), standard input, output and
/// error as given (<c>/dev/null</c> when not), nothing else of this process's descriptors.
/// </summary>
internal static class PosixSpawn
{
    // Larger than posix_spawnattr_t, posix_spawn_file_actions_t and sigset_t in glibc and musl.
    private const int OpaqueSize = 1024;
    private const string NullDevice = "/dev/null";

    /// <summary>The new process's pid; throws <see cref="TaskLaunchException"/> with the system's reason when it could not start.</summary>
    public static int Start(
        string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory,
        int standardInput, int standardOutput, int standardError)
    {
        var argv = new string?[arguments.Count + 2];
        argv[0] = program;
        for (var i = 0; i < arguments.Count; i++)
        {
            argv[i + 1] = arguments[i];
        }

        var envp = new string?[environment.Count + 1];
        var next = 0;
        foreach (var (name, value) in environment)
        {
            envp[next++] = name + "=" + value;
        }

        var actions = Marshal.AllocHGlobal(OpaqueSize);
        var attributes = Marshal.AllocHGlobal(OpaqueSize);
        var defaults = Marshal.AllocHGlobal(OpaqueSize);
        var mask = Marshal.AllocHGlobal(OpaqueSize);
        try
        {
            Check(Libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            Check(Libc.posix_spawnattr_init(attributes), "posix_spawnattr_init");
            try
            {
                Redirect(actions, standardInput, 0, 0);
                Redirect(actions, standardOutput, 1, Libc.WriteOnly);
                Redirect(actions, standardError, 2, Libc.WriteOnly);
                if (workingDirectory is not null)
                {
                    Check(Libc.posix_spawn_file_actions_addchdir_np(actions, workingDirectory), "posix_spawn_file_actions_addchdir_np");
                }

                Libc.sigfillset(defaults);
                Libc.sigemptyset(mask);
                Check(Libc.posix_spawnattr_setsigdefault(attributes, defaults), "posix_spawnattr_setsigdefault");
                Check(Libc.posix_spawnattr_setsigmask(attributes, mask), "posix_spawnattr_setsigmask");
                Check(Libc.posix_spawnattr_setflags(attributes, Libc.SpawnSetSid | Libc.SpawnSetSignalDefaults | Libc.SpawnSetSignalMask),
                    "posix_spawnattr_setflags");

                var error = Libc.posix_spawn(out var pid, program, actions, attributes, argv, envp);
                if (error != 0)
                {
                    throw new TaskLaunchException(new Win32Exception(error).Message);
                }

                return pid;
            }
            finally
            {
                Libc.posix_spawnattr_destroy(attributes);
                Libc.posix_spawn_file_actions_destroy(actions);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(actions);
            Marshal.FreeHGlobal(attributes);
            Marshal.FreeHGlobal(defaults);
            Marshal.FreeHGlobal(mask);
        }
    }

    /// <summary>Whether the C library can set a child's working folder (<c>posix_spawn_file_actions_addchdir_np</c>: glibc 2.29, musl 1.1.24).</summary>
    public static bool CanSetWorkingDirectory()
    {
        var actions = Marshal.AllocHGlobal(OpaqueSize);
        try
        {
            Libc.posix_spawn_file_actions_init(actions);
            var error = Libc.posix_spawn_file_actions_addchdir_np(actions, "/");
            Libc.posix_spawn_file_actions_destroy(actions);
            return error == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        finally
        {
            Marshal.FreeHGlobal(actions);
        }
    }

    /// <summary>A pipe whose both ends are closed on exec (only what is dup2'ed into a child reaches it): (read, write).</summary>
    public static (int Read, int Write) Pipe()
    {
        var ends = new int[2];
        if (Libc.pipe2(ends, Libc.CloseOnExec) != 0)
        {
            throw new TaskLaunchException($"pipe2 failed: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}.");
        }

        return (ends[0], ends[1]);
    }

    private static void Redirect(IntPtr actions, int fd, int target, int nullDeviceFlags) => Check(
        fd >= 0 ? Libc.posix_spawn_file_actions_adddup2(actions, fd, target) : Libc.posix_spawn_file_actions_addopen(actions, target, NullDevice, nullDeviceFlags, 0),
        "posix_spawn_file_actions");

    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw new TaskLaunchException($"{call} failed: {new Win32Exception(error).Message}.");
        }
    }
}
