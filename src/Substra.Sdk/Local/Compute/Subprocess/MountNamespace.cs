using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// Runs a command in a private mount namespace (util-linux <c>unshare</c>) after bind-mounting folders read-only: the
/// binds exist only for that process and its children, vanish with them, and refuse writes even from root. As root the
/// namespace is a plain mount namespace; as another user it is a user namespace (mapped to root to mount), then a nested
/// one that maps the user back, so the function runs as itself and cannot undo the read-only binds.
/// </summary>
internal static class MountNamespace
{
    /// <summary>The exit code of the wrapper when the binds could not be made (the function did not run).</summary>
    public const int BindFailedExitCode = 125;

    private const string Shell = "/bin/sh";

    // $1 is the fstab of the binds; `mount --all` makes them all in one process (one exec per bind would cost ~1.4 ms each).
    private const string MountAll =
        "mount --all --fstab \"$1\" || { echo \"substra: could not bind-mount the data samples read-only (see $1)\" >&2; exit 125; }; shift; ";

    private const string RootScript = MountAll + "exec \"$@\"";

    private const string UserScript = MountAll + "u=$1; g=$2; shift 2; exec unshare --user --map-user=\"$u\" --map-group=\"$g\" -- \"$@\"";

    /// <summary>
    /// The command that runs <paramref name="program"/> with the binds of <paramref name="fstab"/> (see <see cref="WriteFstab"/>);
    /// in a user namespace unless this process is root (<paramref name="userNamespace"/> forces the choice).
    /// </summary>
    public static (string Program, List<string> Arguments) Wrap(string fstab, string program, IEnumerable<string> arguments, bool? userNamespace = null)
    {
        List<string> wrapped = !(userNamespace ?? !Environment.IsPrivilegedProcess)
            ? ["--mount", "--propagation", "private", "--", Shell, "-c", RootScript, "sh", fstab]
            : ["--user", "--map-root-user", "--mount", "--propagation", "private", "--", Shell, "-c", UserScript, "sh", fstab,
                geteuid().ToString(System.Globalization.CultureInfo.InvariantCulture),
                getegid().ToString(System.Globalization.CultureInfo.InvariantCulture)];
        wrapped.Add(program);
        wrapped.AddRange(arguments);
        return ("unshare", wrapped);
    }

    /// <summary>Writes one read-only bind per (source folder, mount point) in fstab syntax; paths are octal-escaped.</summary>
    public static void WriteFstab(string path, IEnumerable<(string Source, string Target)> binds)
    {
        var text = new StringBuilder();
        foreach (var (source, target) in binds)
        {
            text.Append(Escape(source)).Append(' ').Append(Escape(target)).Append(" none bind,ro 0 0\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// Whether read-only binds work here, tried for real: a bind of a scratch folder, then a write into it that must
    /// fail. Null when they do, else why not.
    /// </summary>
    public static string? Probe(string scratchDirectory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "mount namespaces exist only on Linux";
        }

        var root = Path.Combine(scratchDirectory, ".mount-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            var source = Directory.CreateDirectory(Path.Combine(root, "source")).FullName;
            var target = Directory.CreateDirectory(Path.Combine(root, "target")).FullName;
            var fstab = Path.Combine(root, "fstab");
            WriteFstab(fstab, [(source, target)]);
            var (program, arguments) = Wrap(fstab, Shell, ["-c", "if (: > \"$1/written\") 2>/dev/null; then exit 3; fi", "sh", target]);
            var startInfo = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            arguments.ForEach(startInfo.ArgumentList.Add);
            using var process = Process.Start(startInfo)!;
            var error = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                return "unshare did not answer within 30 s";
            }

            return process.ExitCode switch
            {
                0 => null,
                3 => "a read-only bind mount could still be written (util-linux older than 2.27?)",
                _ => $"unshare exited with code {process.ExitCode}: {error.Result.Trim()}",
            };
        }
        catch (Win32Exception e)
        {
            return $"unshare (util-linux) could not be started: {e.Message}";
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Only the probe's empty folders: left behind at worst.
            }
        }
    }

    /// <summary>fstab fields are separated by blanks: every byte but letters, digits and <c>/._-</c> becomes <c>\ooo</c>.</summary>
    private static string Escape(string path)
    {
        var escaped = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'/' or (byte)'.' or (byte)'_' or (byte)'-')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
            }
        }

        return escaped.ToString();
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project for two calls.
    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc")]
    private static extern uint getegid();
#pragma warning restore SYSLIB1054
}
