using System.Collections;
using System.Text.RegularExpressions;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>The environment a function process gets: this process's, minus the client's credentials.</summary>
internal static partial class TaskEnvironment
{
    public static bool IsSecret(string name) => Secret().IsMatch(name);

    /// <summary>
    /// The whole environment of a task process: this process's (read now, so later changes count) minus secrets, plus the
    /// markers the reaper finds its processes by and the Python interpreter for .NET functions that run Python openers.
    /// </summary>
    public static Dictionary<string, string> ForTask(string platformId, string runId, string? pythonInterpreter)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value && !IsSecret(name))
            {
                environment[name] = value;
            }
        }

        environment[TaskProcessReaper.PlatformVariable] = platformId;
        environment[TaskProcessReaper.RunVariable] = runId;
        if (pythonInterpreter is { Length: > 0 })
        {
            // A .NET function that reads a Python opener runs it with the same interpreter as Python functions.
            environment[SubprocessSpawnerOptions.PythonEnvironmentVariable] = pythonInterpreter;
        }

        return environment;
    }

    public static IEnumerable<string> SecretNames() =>
        Environment.GetEnvironmentVariables().Keys.Cast<object>().Select(key => key.ToString()!).Where(IsSecret);

    [GeneratedRegex("^SUBSTRA_.*_(TOKEN|PASSWORD|USERNAME)$", RegexOptions.IgnoreCase)]
    private static partial Regex Secret();
}
