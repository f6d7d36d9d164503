using System.Globalization;
using Microsoft.Extensions.Configuration;
using Substra.Sdk;
using Substra.Sdk.Configuration;
using Substra.Sdk.Exceptions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Reads client options from configuration by hand (no reflection binder), accepting both the options' names and the
/// reference YAML's snake_case names, and parsing booleans and backend types the way the environment resolver does.
/// An unknown key is an error naming it, rather than a setting silently left at its default.
/// </summary>
internal static class SubstraConfigurationBinder
{
    // Each setting: its names (the options' and the reference YAML's) and how to apply a value to the options.
    private static readonly (string[] Names, Action<SubstraClientOptions, string, string> Apply)[] Settings =
    [
        (["ClientName", "client_name"], (o, v, _) => o.ClientName = v),
        (["ConfigurationFile", "configuration_file"], (o, v, _) => o.ConfigurationFile = v),
        (["Url", "url"], (o, v, _) => o.Url = v),
        (["Token", "token"], (o, v, _) => o.Token = v),
        (["Username", "username"], (o, v, _) => o.Username = v),
        (["Password", "password"], (o, v, _) => o.Password = v),
        (["RetryTimeout", "retry_timeout"], (o, v, key) => o.RetryTimeout = ParseDuration(v, key)),
        (["Insecure", "insecure"], (o, v, key) => o.Insecure = ClientConfigurationResolver.ParseBoolean(v, key)),
        (["BackendType", "backend_type"], (o, v, key) => o.BackendType = ParseBackendType(v, key)),
        (["WorkspaceDirectory", "workspace_directory"], (o, v, _) => o.WorkspaceDirectory = v),
        (["MaxParallelTasks", "max_parallel_tasks"], (o, v, key) => o.MaxParallelTasks = ParsePositiveInt(v, key)),
        (["PythonInterpreter", "python_interpreter"], (o, v, _) => o.PythonInterpreter = v),
        (["TaskTimeout", "task_timeout"], (o, v, key) => o.TaskTimeout = ParseDuration(v, key)),
        (["HttpAttemptTimeout", "http_attempt_timeout"], (o, v, key) => o.HttpAttemptTimeout = ParseDuration(v, key)),
        (["HttpTotalTimeout", "http_total_timeout"], (o, v, key) => o.HttpTotalTimeout = ParseDuration(v, key)),
        (["HttpStallTimeout", "http_stall_timeout"], (o, v, key) => o.HttpStallTimeout = ParseDuration(v, key)),
    ];

    /// <exception cref="BadConfigurationException">An unknown key, a key holding a section, or a malformed value.</exception>
    public static void Bind(IConfiguration section, SubstraClientOptions options, string source)
    {
        CheckKeys(section, source);
        foreach (var (names, apply) in Settings)
        {
            foreach (string name in names)
            {
                string? value = section[name];
                if (value is not null)
                {
                    apply(options, value, $"{source}: {name}");
                    break;
                }
            }
        }
    }

    // A misspelt key would otherwise be ignored and its setting silently take its default.
    private static void CheckKeys(IConfiguration section, string source)
    {
        string[] valid = Settings.SelectMany(setting => setting.Names).ToArray();
        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (!valid.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new BadConfigurationException(
                    $"{source}: unknown key '{child.Key}'{SettingNames.DidYouMean(child.Key, valid)}; "
                    + $"the keys are {string.Join(", ", Settings.Select(setting => setting.Names[0]))} "
                    + "(or their snake_case names: url, backend_type, retry_timeout…).");
            }

            if (child.Value is null && child.GetChildren().Any())
            {
                throw new BadConfigurationException($"{source}: '{child.Key}' must be a single value, not a section.");
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

        throw new BadConfigurationException($"{key} = '{value}' is not a duration: give seconds (300) or a time span (00:05:00).");
    }

    private static int ParsePositiveInt(string value, string key)
        => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new BadConfigurationException($"{key} = '{value}' must be a positive whole number.");

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

        throw new BadConfigurationException(
            $"{key} = '{value}' is not a backend type; use one of: {string.Join(", ", Enum.GetValues<BackendType>().Select(t => t.ToWireName()))}.");
    }
}
