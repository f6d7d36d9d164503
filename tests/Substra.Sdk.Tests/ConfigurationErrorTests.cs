using Substra.Sdk.Configuration;
using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Tests;

/// <summary>Every bad configuration is a <see cref="BadConfigurationException"/> that says what is wrong, where, and how to fix it.</summary>
public sealed class ConfigurationErrorTests : IDisposable
{
    private const string Settings = "the settings are url, token, username, password, retry_timeout, insecure, backend_type";
    private readonly string _folder = Directory.CreateTempSubdirectory("substra-config-errors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_unknown_setting_in_the_file_is_named_with_the_valid_ones()
    {
        var file = WriteYaml("org-1:\n  url: http://file.io\n  backend_typ: remote\n");

        var error = ResolveFails(file);

        Assert.Equal(
            $"The configuration file '{file}' is not valid at line 3, column 3: unknown setting 'backend_typ' for client 'org-1' "
            + $"(did you mean 'backend_type'?); {Settings}.",
            error.Message);
    }

    [Fact]
    public void An_unknown_setting_far_from_every_valid_one_gets_no_suggestion()
    {
        var error = ResolveFails(WriteYaml("org-1:\n  colour: blue\n"));

        Assert.EndsWith($"unknown setting 'colour' for client 'org-1'; {Settings}.", error.Message);
    }

    [Fact]
    public void Only_the_entry_of_the_client_is_checked()
    {
        var file = WriteYaml("org-1:\n  url: http://file.io\norg-2:\n  colour: blue\n");

        Assert.Equal("http://file.io", Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = file }).Url);
    }

    [Fact]
    public void A_configuration_file_that_does_not_exist_is_named()
    {
        var missing = Path.Combine(_folder, "absent.yaml");

        var fromCode = Assert.Throws<BadConfigurationException>(
            () => Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = missing }));
        var fromEnvironment = Assert.Throws<BadConfigurationException>(
            () => Resolve(new SubstraClientOptions { ClientName = "org-1" }, (ClientConfigurationResolver.ConfigurationFileVariable, missing)));

        Assert.StartsWith($"The configuration file '{missing}' (from SubstraClientOptions.ConfigurationFile) does not exist: fix the path", fromCode.Message);
        Assert.StartsWith(
            $"The configuration file '{missing}' (from the environment variable SUBSTRA_CLIENTS_CONFIGURATION_FILE_PATH) does not exist",
            fromEnvironment.Message);
    }

    [Fact]
    public void A_configuration_file_that_is_a_folder_is_named()
    {
        var error = Assert.Throws<BadConfigurationException>(
            () => Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = _folder }));

        Assert.Equal(
            $"The configuration file '{_folder}' (from SubstraClientOptions.ConfigurationFile) is a folder: give the path of the YAML file itself.",
            error.Message);
    }

    [Theory]
    [InlineData("- org-1\n- org-2\n", 1, 1, "the file must be a mapping from client name to settings")]
    [InlineData("org-1\n", 1, 1, "the file must be a mapping from client name to settings")]
    [InlineData("org-1:\n\turl: http://x\n", 2, 1, "While scanning a mapping, found invalid tab as indentation")]
    [InlineData("org-1:\n  - url: http://x\n", 2, 3, "the entry 'org-1' must be a mapping of settings")]
    [InlineData("org-1: [remote]\n", 1, 8, "the entry 'org-1' must be a mapping of settings")]
    [InlineData("org-1:\n  url: [a, b]\n", 2, 8, "'url' of client 'org-1' must be a single value, not a list")]
    [InlineData("org-1:\n  url: a\n  url: b\n", 3, 3, "'url' is given twice (first at line 2); keep one")]
    [InlineData("org-1: [unclosed\n", 2, 1, "While parsing a flow sequence, did not find expected ',' or ']'")]
    [InlineData("org-1:\n  url: a\n token: b\n", 3, 2, "While parsing a block mapping, did not find expected key")]
    [InlineData("org-1:\n  url: a\n---\norg-2: {}\n", 3, 1, "the file holds several YAML documents; keep a single mapping of clients")]
    [InlineData("? [a]\n: b\n", 1, 3, "a key must be a plain value, not a list")]
    [InlineData("org-1: *base\n", 1, 8, "the alias '*base' refers to no anchor defined before it")]
    // YamlDotNet's document model overflows the stack on this one (a key that contains itself).
    [InlineData("? &a [*a]\n: x\n", 1, 7, "the alias '*a' refers to a node that contains it")]
    // YamlDotNet's parser throws a bare InvalidOperationException on this one.
    [InlineData("...\n:>", 1, 1, "malformed YAML after this point (The scanner should contain no more tokens)")]
    public void Malformed_yaml_names_the_file_the_line_and_the_column(string yaml, int line, int column, string problem)
    {
        var file = WriteYaml(yaml);

        var error = ResolveFails(file);

        Assert.StartsWith($"The configuration file '{file}' is not valid at line {line}, column {column}: {problem}", error.Message);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_are_read_as_yaml_safe_load_reads_them()
    {
        var file = WriteYaml("""
            base: &base
              backend_type: remote
              url: http://base.io
            org-1:
              <<: *base
              url: http://org-1.io
            org-2: *base
            """);

        var first = Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = file });
        var second = Resolve(new SubstraClientOptions { ClientName = "org-2", ConfigurationFile = file });

        Assert.Equal((BackendType.Remote, "http://org-1.io"), (first.BackendType, first.Url));
        Assert.Equal((BackendType.Remote, "http://base.io"), (second.BackendType, second.Url));
    }

    [Fact]
    public void Empty_files_entries_and_null_values_mean_nothing_set()
    {
        Assert.Null(Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = WriteYaml("", "empty.yaml") }).Url);
        Assert.Null(Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = WriteYaml("# none\n", "comment.yaml") }).Url);
        Assert.Null(Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = WriteYaml("org-1:\n", "entry.yaml") }).Url);
        Assert.Null(Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = WriteYaml("org-1:\n  url: ~\n", "null.yaml") }).Url);
    }

    [Theory]
    [InlineData(0, "TaskTimeout must be positive (got 00:00:00)")]
    [InlineData(-5, "TaskTimeout must be positive (got -00:00:05)")]
    public void A_task_timeout_that_is_not_positive_is_refused_when_the_client_is_created(int seconds, string message)
    {
        var factory = new RecordingBackendFactory();

        var error = Assert.Throws<BadConfigurationException>(() => new SubstraClient(new SubstraClientOptions
        {
            ConfigurationFile = "", TaskTimeout = TimeSpan.FromSeconds(seconds), LocalBackendFactory = factory,
        }));

        Assert.StartsWith(message, error.Message);
        Assert.Contains("leave it unset for no limit", error.Message);
        Assert.Null(factory.Created);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Max_parallel_tasks_below_one_is_refused_when_the_client_is_created(int tasks)
    {
        var factory = new RecordingBackendFactory();

        var error = Assert.Throws<BadConfigurationException>(() => new SubstraClient(new SubstraClientOptions
        {
            ConfigurationFile = "", MaxParallelTasks = tasks, LocalBackendFactory = factory,
        }));

        Assert.StartsWith($"MaxParallelTasks must be at least 1 (got {tasks})", error.Message);
        Assert.Null(factory.Created);
    }

    [Fact]
    public void A_negative_retry_timeout_is_refused()
    {
        var error = Assert.Throws<BadConfigurationException>(
            () => Resolve(new SubstraClientOptions { ConfigurationFile = "", RetryTimeout = TimeSpan.FromSeconds(-1) }));

        Assert.StartsWith("RetryTimeout cannot be negative (got -00:00:01)", error.Message);
    }

    private BadConfigurationException ResolveFails(string file)
        => Assert.Throws<BadConfigurationException>(() => Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = file }));

    private static ClientConfiguration Resolve(SubstraClientOptions options, params (string Name, string Value)[] environment)
        => ClientConfigurationResolver.Resolve(options, name => environment.FirstOrDefault(variable => variable.Name == name).Value);

    private string WriteYaml(string content, string name = "config.yaml")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
