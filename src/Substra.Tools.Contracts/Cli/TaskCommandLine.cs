using System.Globalization;
using System.Text;

namespace Substra.Tools.Cli;

/// <summary>
/// The substratools task command line (docs/compatibility.md#task-command-line), parsed as Python's argparse does:
/// <c>@file</c> expansion, <c>--opt value</c> and <c>--opt=value</c>, unique prefixes of long options, the last value wins.
/// </summary>
internal sealed record TaskCommandLine
{
    private static readonly string[] LogLevelNames = ["debug", "info", "warning", "error", "critical"];

    private static readonly OptionSpec[] Options =
    [
        new("--function-name", null, TakesValue: true),
        new("--task-properties", "-r", TakesValue: true),
        new("--fake-data", "-d", TakesValue: false),
        new("--n-fake-samples", null, TakesValue: true),
        new("--log-path", null, TakesValue: true),
        new("--log-level", null, TakesValue: true),
        new("--inputs", null, TakesValue: true),
        new("--outputs", null, TakesValue: true),
        new("--help", "-h", TakesValue: false),
    ];

    /// <summary>The usage text printed by <c>--help</c>.</summary>
    public const string Usage =
        "usage: [-h] [--function-name FUNCTION_NAME] [-r TASK_PROPERTIES] [-d] [--n-fake-samples N_FAKE_SAMPLES] "
        + "[--log-path LOG_PATH] [--log-level {debug,info,warning,error,critical}] [--inputs INPUTS] [--outputs OUTPUTS]";

    /// <summary><c>--function-name</c>, or <c>null</c> when absent.</summary>
    public string? FunctionName { get; init; }

    /// <summary>The JSON text of <c>--task-properties</c> (default <c>{}</c>).</summary>
    public string TaskPropertiesJson { get; init; } = "{}";

    /// <summary>The parsed task properties; <c>rank</c> defaults to 0 when absent.</summary>
    public TaskProperties TaskProperties { get; init; } = new(0);

    /// <summary><c>--fake-data</c>: the opener makes fake samples instead of reading data samples.</summary>
    public bool FakeData { get; init; }

    /// <summary><c>--n-fake-samples</c>, or <c>null</c>.</summary>
    public int? NFakeSamples { get; init; }

    /// <summary><c>--log-path</c>, or <c>null</c>.</summary>
    public string? LogPath { get; init; }

    /// <summary><c>--log-level</c> (default info).</summary>
    public TaskLogLevel LogLevel { get; init; } = TaskLogLevel.Info;

    /// <summary><c>--inputs</c>, validated (default empty).</summary>
    public IReadOnlyList<TaskResource> Inputs { get; init; } = [];

    /// <summary><c>--outputs</c>, validated (default empty).</summary>
    public IReadOnlyList<TaskResource> Outputs { get; init; } = [];

    /// <summary>Whether <c>--help</c> was given.</summary>
    public bool HelpRequested { get; init; }

    /// <summary>Parses a task command line, expanding <c>@file</c> arguments first.</summary>
    /// <exception cref="InvalidCliException">The arguments break the contract; the message is argparse's where it has one.</exception>
    public static TaskCommandLine Parse(IReadOnlyList<string> args) => ParseExpanded(ArgumentFiles.Expand(args));

    /// <summary>
    /// Parses arguments that are already expanded: a platform builds its own command line, where an argument starting
    /// with <c>@</c> is a value, never a file to read.
    /// </summary>
    internal static TaskCommandLine ParseExpanded(IReadOnlyList<string> expanded)
    {
        ArgumentNullException.ThrowIfNull(expanded);
        var arguments = expanded;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var unrecognized = new List<string>();

        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument == "--")
            {
                unrecognized.AddRange(arguments.Skip(i + 1));
                break;
            }

            if (!IsOptionLike(argument))
            {
                unrecognized.Add(argument);
                continue;
            }

            var (option, explicitValue) = FindOption(argument);
            if (option is null)
            {
                unrecognized.Add(argument);
                continue;
            }

            if (!option.TakesValue)
            {
                if (explicitValue is not null)
                {
                    // "-dr{...}": argparse reads the rest as more single-letter options.
                    if (option.Short is not null && argument.StartsWith(option.Short, StringComparison.Ordinal) && !argument.Contains('='))
                    {
                        flags.Add(option.Long);
                        arguments = [.. arguments.Take(i), "-" + explicitValue, .. arguments.Skip(i + 1)];
                        i--;
                        continue;
                    }

                    throw new InvalidCliException($"argument {option.DisplayName}: ignored explicit argument '{explicitValue}'");
                }

                flags.Add(option.Long);
                continue;
            }

            if (explicitValue is null)
            {
                if (i + 1 >= arguments.Count || IsOptionLike(arguments[i + 1]))
                {
                    throw new InvalidCliException($"argument {option.DisplayName}: expected one argument");
                }

                explicitValue = arguments[++i];
            }

            values[option.Long] = explicitValue;
            ValidateValue(option, explicitValue);
        }

        if (flags.Contains("--help"))
        {
            return new TaskCommandLine { HelpRequested = true };
        }

        if (unrecognized.Count > 0)
        {
            throw new InvalidCliException($"unrecognized arguments: {string.Join(' ', unrecognized)}");
        }

        var taskPropertiesJson = values.GetValueOrDefault("--task-properties", "{}");
        return new TaskCommandLine
        {
            FunctionName = values.GetValueOrDefault("--function-name"),
            TaskPropertiesJson = taskPropertiesJson,
            TaskProperties = ParseTaskProperties(taskPropertiesJson),
            FakeData = flags.Contains("--fake-data"),
            NFakeSamples = values.TryGetValue("--n-fake-samples", out var n) ? int.Parse(n.Trim(), CultureInfo.InvariantCulture) : null,
            LogPath = values.GetValueOrDefault("--log-path"),
            LogLevel = values.TryGetValue("--log-level", out var level) ? (TaskLogLevel)Array.IndexOf(LogLevelNames, level) : TaskLogLevel.Info,
            Inputs = TaskResources.Parse(values.GetValueOrDefault("--inputs", "[]"), "--inputs"),
            Outputs = TaskResources.Parse(values.GetValueOrDefault("--outputs", "[]"), "--outputs"),
        };
    }

    /// <summary>
    /// The arguments in the order the reference's local worker writes them (docs/compatibility.md#task-command-line):
    /// <c>--function-name</c> (when set), the fake-data options, <c>--task-properties</c>, <c>--inputs</c>, <c>--outputs</c>,
    /// <c>--log-level</c>, then <c>--log-path</c> (when set). One argument per line of an arguments file.
    /// </summary>
    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new List<string>();
        if (FunctionName is not null)
        {
            arguments.AddRange(["--function-name", FunctionName]);
        }

        if (FakeData)
        {
            arguments.Add("--fake-data");
        }

        if (NFakeSamples is { } n)
        {
            arguments.AddRange(["--n-fake-samples", n.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["--task-properties", TaskPropertiesJson]);
        arguments.AddRange(["--inputs", TaskResources.Format(Inputs)]);
        arguments.AddRange(["--outputs", TaskResources.Format(Outputs)]);
        arguments.AddRange(["--log-level", LogLevelNames[(int)LogLevel]]);
        if (LogPath is not null)
        {
            arguments.AddRange(["--log-path", LogPath]);
        }

        return arguments;
    }

    /// <summary>The text of an arguments file: <see cref="ToArguments"/>, one per line.</summary>
    public string ToArgumentsFileText()
    {
        var builder = new StringBuilder();
        foreach (var argument in ToArguments())
        {
            if (argument.Contains('\n') || argument.Contains('\r'))
            {
                throw new InvalidOperationException($"The argument '{argument}' contains a line break; an arguments file holds one argument per line.");
            }

            builder.Append(argument).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary><c>{"rank": N}</c> as the reference writes it.</summary>
    public static string FormatTaskProperties(int rank) => "{\"rank\": " + rank.ToString(CultureInfo.InvariantCulture) + "}";

    private static void ValidateValue(OptionSpec option, string value)
    {
        switch (option.Long)
        {
            case "--n-fake-samples" when !int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
                throw new InvalidCliException($"argument --n-fake-samples: invalid int value: '{value}'");
            case "--log-level" when Array.IndexOf(LogLevelNames, value) < 0:
                throw new InvalidCliException(
                    $"argument --log-level: invalid choice: '{value}' (choose from {string.Join(", ", LogLevelNames.Select(name => $"'{name}'"))})");
        }
    }

    private static TaskProperties ParseTaskProperties(string json)
    {
        object? root;
        try
        {
            root = CliJson.Parse(json);
        }
        catch (FormatException exception)
        {
            throw new InvalidCliException($"invalid --task-properties: the value is not valid JSON ({exception.Message})");
        }

        if (root is not CliJsonObject properties)
        {
            throw new InvalidCliException($"invalid --task-properties: expected a JSON object such as {{\"rank\": 0}}, got {CliJson.TypeName(root)}");
        }

        if (!properties.TryGetValue("rank", out var rank))
        {
            return new TaskProperties(0);
        }

        if (rank is not CliJsonNumber { IsInteger: true } number
            || !int.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new InvalidCliException($"invalid --task-properties: \"rank\" must be an integer, got {PythonJson.Format(rank)}");
        }

        return new TaskProperties(value);
    }

    /// <summary>argparse's <c>_parse_optional</c>: what is not option-like is a value or a positional argument.</summary>
    private static bool IsOptionLike(string argument)
    {
        if (argument.Length < 2 || argument[0] != '-')
        {
            return false;
        }

        var name = argument.Split('=', 2)[0];
        if (Options.Any(option => option.Long == name || option.Short == name)
            || (name.StartsWith("--", StringComparison.Ordinal) && Options.Any(option => option.Long.StartsWith(name, StringComparison.Ordinal)))
            || (!argument.StartsWith("--", StringComparison.Ordinal) && Options.Any(option => option.Short == argument[..2])))
        {
            return true;
        }

        if (IsNegativeNumber(argument))
        {
            return false;
        }

        return !argument.Contains(' ');
    }

    /// <summary>argparse's <c>^-\d+$|^-\d*\.\d+$</c>.</summary>
    private static bool IsNegativeNumber(string argument)
    {
        var body = argument.AsSpan(1);
        var dot = body.IndexOf('.');
        var integerPart = dot < 0 ? body : body[..dot];
        var fractionPart = dot < 0 ? [] : body[(dot + 1)..];
        static bool AllDigits(ReadOnlySpan<char> span)
        {
            foreach (var c in span)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }
            }

            return true;
        }

        return dot < 0
            ? integerPart.Length > 0 && AllDigits(integerPart)
            : fractionPart.Length > 0 && AllDigits(integerPart) && AllDigits(fractionPart);
    }

    private static (OptionSpec? Option, string? ExplicitValue) FindOption(string argument)
    {
        var exact = Options.FirstOrDefault(option => option.Long == argument || option.Short == argument);
        if (exact is not null)
        {
            return (exact, null);
        }

        if (argument.StartsWith("--", StringComparison.Ordinal))
        {
            var parts = argument.Split('=', 2);
            var name = parts[0];
            var value = parts.Length == 2 ? parts[1] : null;
            var byName = Options.FirstOrDefault(option => option.Long == name);
            if (byName is not null)
            {
                return (byName, value);
            }

            // allow_abbrev: a unique prefix of a long option.
            var candidates = Options.Where(option => option.Long.StartsWith(name, StringComparison.Ordinal)).ToList();
            if (candidates.Count > 1)
            {
                throw new InvalidCliException(
                    $"ambiguous option: {name} could match {string.Join(", ", candidates.Select(option => option.Long))}");
            }

            return candidates.Count == 1 ? (candidates[0], value) : (null, null);
        }

        // A short option with its value attached: "-r{...}" or "-r={...}".
        var shortOption = Options.FirstOrDefault(option => option.Short is not null && argument.StartsWith(option.Short, StringComparison.Ordinal));
        if (shortOption is null)
        {
            return (null, null);
        }

        var attached = argument[2..];
        return (shortOption, shortOption.TakesValue && attached.StartsWith('=') ? attached[1..] : attached);
    }

    private sealed record OptionSpec(string Long, string? Short, bool TakesValue)
    {
        public string DisplayName => Short is null ? Long : $"{Short}/{Long}";
    }
}
