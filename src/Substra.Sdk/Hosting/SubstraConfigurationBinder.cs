using System.Globalization;
using Microsoft.Extensions.Configuration;
using Substra.Sdk;
using Substra.Sdk.Configuration;
using Substra.Sdk.Exceptions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Reads client options from configuration by hand (no reflection binder), accepting both the options' names and the
/// reference YAML's snake_case names, and parsing booleans and backend types the way the environment resolver does.
/// </summary>
internal static class SubstraConfigurationBinder
{
    public static void Bind(IConfiguration section, SubstraClientOptions options, string source)
    {
        Set(section, source, ["ClientName", "client_name"], v => options.ClientName = v);
        Set(section, source, ["ConfigurationFile", "configuration_file"], v => options.ConfigurationFile = v);
        Set(section, source, ["Url", "url"], v => options.Url = v);
        Set(section, source, ["Token", "token"], v => options.Token = v);
        Set(section, source, ["Username", "username"], v => options.Username = v);
        Set(section, source, ["Password", "password"], v => options.Password = v);
        Set(section, source, ["RetryTimeout", "retry_timeout"], (v, key) => options.RetryTimeout = ParseDuration(v, key));
        Set(section, source, ["Insecure", "insecure"], (v, key) => options.Insecure = ClientConfigurationResolver.ParseBoolean(v, key));
        Set(section, source, ["BackendType", "backend_type"], (v, key) => options.BackendType = ParseBackendType(v, key));
        Set(section, source, ["WorkspaceDirectory", "workspace_directory"], v => options.WorkspaceDirectory = v);
        Set(section, source, ["MaxParallelTasks", "max_parallel_tasks"], (v, key) => options.MaxParallelTasks = ParsePositiveInt(v, key));
        Set(section, source, ["PythonInterpreter", "python_interpreter"], v => options.PythonInterpreter = v);
        Set(section, source, ["TaskTimeout", "task_timeout"], (v, key) => options.TaskTimeout = ParseDuration(v, key));
    }

    private static void Set(IConfiguration section, string source, string[] keys, Action<string> apply)
        => Set(section, source, keys, (value, _) => apply(value));

    private static void Set(IConfiguration section, string source, string[] keys, Action<string, string> apply)
    {
        foreach (string key in keys)
        {
            string? value = section[key];
            if (value is not null)
            {
                apply(value, $"{source}: {key}");
                return;
            }
        }
    }

    // A number is seconds (as retry_timeout in the reference); otherwise a TimeSpan such as 00:05:00.
    private static TimeSpan ParseDuration(string value, string key)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out TimeSpan duration) && duration >= TimeSpan.Zero)
        {
            return duration;
        }

        throw new ConfigurationInfoException($"{key} = '{value}' is not a duration: give seconds (300) or a time span (00:05:00).");
    }

    private static int ParsePositiveInt(string value, string key)
        => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new ConfigurationInfoException($"{key} = '{value}' must be a positive whole number.");

    private static BackendType ParseBackendType(string value, string key)
    {
        foreach (BackendType type in Enum.GetValues<BackendType>())
        {
            if (string.Equals(type.ToWireName(), value, StringComparison.OrdinalIgnoreCase)
                || string.Equals(type.ToString(), value, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        throw new ConfigurationInfoException(
            $"{key} = '{value}' is not a backend type; use one of: {string.Join(", ", Enum.GetValues<BackendType>().Select(t => t.ToWireName()))}.");
    }
}
