using System.Globalization;
using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Configuration;

/// <summary>
/// Resolves a client's configuration exactly as the reference: code, then <c>SUBSTRA_{SLUG(client)}_{ATTRIBUTE}</c>
/// environment variables (present even if empty), then the YAML file keyed by client name, then defaults. Fixes: booleans
/// parse as booleans, every malformed value names its source, a configuration file that is missing, malformed or holds an
/// unknown setting is an error (the reference ignores a missing file and unknown settings).
/// </summary>
internal static class ClientConfigurationResolver
{
    /// <summary>The environment variable holding the configuration file path.</summary>
    public const string ConfigurationFileVariable = "SUBSTRA_CLIENTS_CONFIGURATION_FILE_PATH";

    private static readonly string[] TrueWords = ["true", "1", "yes", "on"];
    private static readonly string[] FalseWords = ["false", "0", "no", "off"];

    /// <summary>Resolves against the process environment.</summary>
    public static ClientConfiguration Resolve(SubstraClientOptions options)
        => Resolve(options, Environment.GetEnvironmentVariable);

    /// <summary>Resolves against <paramref name="environment"/> (name → value, null when absent).</summary>
    public static ClientConfiguration Resolve(SubstraClientOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        CheckCodeValues(options);

        var configurationFile = options.ConfigurationFile ?? environment(ConfigurationFileVariable);
        var clientName = string.IsNullOrEmpty(options.ClientName) ? null : options.ClientName;
        if (!string.IsNullOrEmpty(configurationFile) && clientName is null)
        {
            throw new ConfigurationInfoException("Configuration file cannot be used because no `client_name` was given.");
        }

        var file = clientName is null || string.IsNullOrEmpty(configurationFile)
            ? new Dictionary<string, string>()
            : ConfigurationFile.Read(
                configurationFile,
                clientName,
                options.ConfigurationFile is null ? $"the environment variable {ConfigurationFileVariable}" : "SubstraClientOptions.ConfigurationFile");
        var origins = new Dictionary<string, ConfigurationOrigin>();
        var prefix = clientName is null ? null : $"SUBSTRA_{Slug.ToEnvironmentName(clientName)}_";

        // Returns the text of an attribute from the environment or the file, with a description of its source for errors.
        (string? Text, string Source) Lookup(string attribute)
        {
            if (prefix is null)
            {
                return (null, "");
            }

            var variable = prefix + Slug.ToEnvironmentName(attribute);
            var fromEnvironment = environment(variable);
            if (fromEnvironment is not null)
            {
                origins[attribute] = ConfigurationOrigin.Environment;
                return (fromEnvironment, $"the environment variable {variable}");
            }

            if (file.TryGetValue(attribute, out var fromFile))
            {
                origins[attribute] = ConfigurationOrigin.ConfigurationFile;
                return (fromFile, $"'{attribute}' of client '{clientName}' in the configuration file '{configurationFile}'");
            }

            return (null, "");
        }

        string? Text(string attribute, string? code)
        {
            if (code is not null)
            {
                origins[attribute] = ConfigurationOrigin.Code;
                return code;
            }

            var (text, _) = Lookup(attribute);
            if (text is null)
            {
                origins[attribute] = ConfigurationOrigin.Default;
            }

            return text;
        }

        var url = Text("url", options.Url);
        var token = Text("token", options.Token);
        var username = Text("username", options.Username);
        var password = Text("password", options.Password);

        TimeSpan retryTimeout;
        if (options.RetryTimeout is { } codeTimeout)
        {
            origins["retry_timeout"] = ConfigurationOrigin.Code;
            retryTimeout = codeTimeout;
        }
        else
        {
            var (text, source) = Lookup("retry_timeout");
            retryTimeout = text is null ? TimeSpan.FromSeconds(300) : TimeSpan.FromSeconds(ParseSeconds(text, source));
            origins.TryAdd("retry_timeout", ConfigurationOrigin.Default);
        }

        bool insecure;
        if (options.Insecure is { } codeInsecure)
        {
            origins["insecure"] = ConfigurationOrigin.Code;
            insecure = codeInsecure;
        }
        else
        {
            var (text, source) = Lookup("insecure");
            insecure = text is not null && ParseBoolean(text, source);
            origins.TryAdd("insecure", ConfigurationOrigin.Default);
        }

        BackendType backendType;
        if (options.BackendType is { } codeBackend)
        {
            origins["backend_type"] = ConfigurationOrigin.Code;
            backendType = Enum.IsDefined(codeBackend) ? codeBackend : throw UnknownBackendType(codeBackend.ToString(), "the code");
        }
        else
        {
            var (text, source) = Lookup("backend_type");
            backendType = text is null ? BackendType.LocalSubprocess : ParseBackendType(text, source);
            origins.TryAdd("backend_type", ConfigurationOrigin.Default);
        }

        return new ClientConfiguration
        {
            ClientName = clientName,
            Url = NullIfEmpty(url),
            Token = NullIfEmpty(token),
            Username = NullIfEmpty(username),
            Password = NullIfEmpty(password),
            RetryTimeout = retryTimeout,
            Insecure = insecure,
            BackendType = backendType,
            Origins = origins,
        };
    }

    /// <summary>Parses a boolean written as true/false, 1/0, yes/no or on/off (any case).</summary>
    public static bool ParseBoolean(string text, string source)
    {
        var word = text.Trim();
        if (TrueWords.Contains(word, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (FalseWords.Contains(word, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new BadConfigurationException(
            $"Invalid boolean '{text}' in {source}: use true or false (1/0, yes/no and on/off are accepted too).");
    }

    // Values only code sets: refused when the client is created rather than when the first task runs.
    private static void CheckCodeValues(SubstraClientOptions options)
    {
        if (options.TaskTimeout is { } taskTimeout && taskTimeout <= TimeSpan.Zero)
        {
            throw new BadConfigurationException(
                $"TaskTimeout must be positive (got {taskTimeout}): it is how long a local task may run before it is killed; "
                + "leave it unset for no limit.");
        }

        if (options.MaxParallelTasks is { } maxParallelTasks && maxParallelTasks <= 0)
        {
            throw new BadConfigurationException(
                $"MaxParallelTasks must be at least 1 (got {maxParallelTasks}): it is how many tasks a local client runs at once; "
                + "leave it unset for the processor count.");
        }

        foreach (var (name, value, what) in new[]
        {
            (nameof(options.HttpAttemptTimeout), options.HttpAttemptTimeout, "how long one try of a request to the platform may take"),
            (nameof(options.HttpTotalTimeout), options.HttpTotalTimeout, "how long a request to the platform may take with its retries"),
            (nameof(options.HttpStallTimeout), options.HttpStallTimeout, "how long a download or an upload of files may go without data"),
        })
        {
            if (value is { } timeout && timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            {
                throw new BadConfigurationException(
                    $"{name} must be positive (got {timeout}): it is {what}; use Timeout.InfiniteTimeSpan for no limit, or leave it unset for the default.");
            }
        }

        if (options.RetryTimeout is { } retryTimeout && retryTimeout < TimeSpan.Zero)
        {
            throw new BadConfigurationException(
                $"RetryTimeout cannot be negative (got {retryTimeout}): it is how long adds and updates are retried after HTTP 408; "
                + "use 0 for no retry.");
        }
    }

    private static int ParseSeconds(string text, string source)
        => int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? seconds
            : throw new BadConfigurationException(
                $"Invalid retry_timeout '{text}' in {source}: it must be a whole number of seconds, such as 300.");

    private static BackendType ParseBackendType(string text, string source)
        => WireNames.TryParseWireName<BackendType>(text.Trim(), out var backendType) ? backendType : throw UnknownBackendType(text, source);

    private static BadConfigurationException UnknownBackendType(string value, string source)
        => new(
            $"Unknown value for the execution mode: {value}, valid values are: "
            + $"[{string.Join(", ", WireNames.AllWireNames<BackendType>().Select(name => $"'{name}'"))}] (from {source}).");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
