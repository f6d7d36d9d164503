using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Substra.Tools.Python;

/// <summary>
/// Runs a Python opener for a .NET function: starts the image's Python (<c>SUBSTRA_PYTHON</c>, else <c>python3</c> on the
/// PATH) with the bridge script, copies its output line by line into the task log, and reads the value it wrote. The
/// interpreter is killed when the task is cancelled, and a run leaves no file behind. The bridge script itself exits when
/// this process dies (it watches its parent).
/// </summary>
internal static class PythonBridge
{
    /// <summary>The environment variable naming the interpreter (the subprocess backend's setting too).</summary>
    public const string InterpreterVariable = "SUBSTRA_PYTHON";

    public const string ErrorFile = "error.json";

    // After the interpreter exited, its pipes are read this much longer at most: a process it started may hold them.
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(2);

    public static string Interpreter
        => Environment.GetEnvironmentVariable(InterpreterVariable) is { Length: > 0 } configured ? configured : "python3";

    /// <summary>Calls <c>get_data(folders)</c>, or <c>fake_data(fakeSamples)</c> when it has a value.</summary>
    /// <param name="openerPath">The opener module (the task's <c>opener</c> input).</param>
    /// <param name="folders">The data-sample folders given to <c>get_data</c>.</param>
    /// <param name="fakeSamples">With a value, <c>fake_data</c> makes that many samples instead.</param>
    /// <param name="output">Receives every line the interpreter prints (the opener's output, tracebacks).</param>
    /// <param name="cancellationToken">Kills the interpreter.</param>
    /// <exception cref="PythonBridgeException">The interpreter could not run the opener; the message says why.</exception>
    /// <exception cref="OperationCanceledException">The task was cancelled; the interpreter was killed.</exception>
    public static PythonValue Run(string openerPath, IReadOnlyList<string> folders, int? fakeSamples, Action<string> output, CancellationToken cancellationToken)
    {
        var interpreter = Interpreter;
        var work = Directory.CreateTempSubdirectory("substra-bridge-");
        Process? process = null;
        try
        {
            var script = Path.Combine(work.FullName, BridgeScript.FileName);
            File.WriteAllBytes(script, BridgeScript.Bytes);
            var result = Directory.CreateDirectory(Path.Combine(work.FullName, "result")).FullName;
            var info = new ProcessStartInfo(interpreter)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // -B: the image may be read-only; -u: lines reach the task log as they are printed.
            foreach (var argument in (string[])["-B", "-u", script, "--opener", Path.GetFullPath(openerPath), "--output", result,
                         "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
            {
                info.ArgumentList.Add(argument);
            }

            if (fakeSamples is { } samples)
            {
                info.ArgumentList.Add("--fake-data");
                info.ArgumentList.Add(samples.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                var foldersFile = Path.Combine(work.FullName, "folders.json");
                WriteFolders(foldersFile, folders);
                info.ArgumentList.Add("--folders-file");
                info.ArgumentList.Add(foldersFile);
            }

            info.Environment["PYTHONIOENCODING"] = "utf-8";
            try
            {
                process = Process.Start(info) ?? throw new PythonBridgeException($"The Python interpreter '{interpreter}' did not start.");
            }
            catch (Win32Exception exception)
            {
                throw new PythonBridgeException(
                    $"The function reads a Python opener, but the Python interpreter '{interpreter}' cannot be started ({exception.Message}). "
                    + $"Install Python 3 with numpy and pandas where the function runs (Debian: apt-get install python3 python3-numpy python3-pandas), "
                    + $"or set {InterpreterVariable} to an interpreter that has them.");
            }

            var pumps = Task.WhenAll(Pump(process.StandardOutput, output), Pump(process.StandardError, output));
            process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
            pumps.Wait(OutputGrace, CancellationToken.None);

            if (process.ExitCode == 0 && File.Exists(Path.Combine(result, BridgeResult.ManifestFile)))
            {
                return BridgeResult.Read(result);
            }

            if (File.Exists(Path.Combine(result, ErrorFile)))
            {
                throw Failure(Path.Combine(result, ErrorFile), openerPath, interpreter);
            }

            throw new PythonBridgeException(
                $"The Python bridge ('{interpreter}') exited with code {process.ExitCode} without a result; its output is in the task log.");
        }
        finally
        {
            if (process is not null)
            {
                Kill(process);
                process.Dispose();
            }

            try
            {
                work.Delete(recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The system cleans its temp folder; the data was read already.
            }
        }
    }

    private static void WriteFolders(string path, IReadOnlyList<string> folders)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartArray();
        foreach (var folder in folders)
        {
            writer.WriteStringValue(folder);
        }

        writer.WriteEndArray();
    }

    private static async Task Pump(StreamReader reader, Action<string> output)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            output(line);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or Win32Exception)
        {
            // It exited in between.
        }
    }

    private static PythonBridgeException Failure(string errorFile, string openerPath, string interpreter)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(errorFile));
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var message = Text("message") ?? "(no message)";
        return Text("kind") switch
        {
            "missing-module" => new PythonBridgeException(
                $"The Python opener needs numpy and pandas, but {Text("module") ?? "a module"} cannot be imported by the interpreter '{interpreter}' ({message}). "
                + "Install them where the function runs (Debian: apt-get install python3-numpy python3-pandas; pip: pip install numpy pandas), "
                + $"or set {InterpreterVariable} to a Python that has them."),
            "opener-raised" => new PythonBridgeException(
                $"The Python opener '{openerPath}' raised {message} ({Text("phase") ?? "get_data"}); its traceback is in the task log."
                + (Text("module_not_found") is { } module
                    ? $" It imports '{module}', which the interpreter '{interpreter}' does not have: install it where the function runs."
                    : string.Empty)),
            "unsupported-result" => new PythonBridgeException(
                $"The Python opener '{openerPath}' returned a value the bridge cannot pass to .NET: {message}."),
            "invalid-opener" => new PythonBridgeException(message),
            _ => new PythonBridgeException($"The Python bridge failed: {message}"),
        };
    }
}
