using Substra.Sdk.Configuration;
using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("substra-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("client-org-1", "CLIENT_ORG_1")]
    [InlineData("un nom très français", "UN_NOM_TRES_FRANCAIS")]
    [InlineData("org_1", "ORG_1")]
    [InlineData("  --Org  2__ ", "ORG_2")]
    [InlineData("l'équipe", "L_EQUIPE")]
    [InlineData("1,000 nodes", "1000_NODES")]
    [InlineData("Straße Ærø", "STRASSE_AERO")]
    public void Slug_follows_python_slugify(string name, string expected) => Assert.Equal(expected, Slug.ToEnvironmentName(name));

    [Fact]
    public void Defaults_are_subprocess_300_seconds_secure_and_no_url()
    {
        var configuration = ClientConfigurationResolver.Resolve(new SubstraClientOptions(), _ => null);

        Assert.Equal(BackendType.LocalSubprocess, configuration.BackendType);
        Assert.Equal(TimeSpan.FromSeconds(300), configuration.RetryTimeout);
        Assert.False(configuration.Insecure);
        Assert.Null(configuration.Url);
        Assert.Null(configuration.Token);
        Assert.Equal(ConfigurationOrigin.Default, configuration.Origins["backend_type"]);
    }

    [Fact]
    public void Environment_variables_are_named_from_the_slug_of_the_client_name()
    {
        var environment = new Dictionary<string, string>
        {
            ["SUBSTRA_UN_NOM_TRES_FRANCAIS_URL"] = "http://env.io",
            ["SUBSTRA_UN_NOM_TRES_FRANCAIS_TOKEN"] = "env-token",
            ["SUBSTRA_UN_NOM_TRES_FRANCAIS_USERNAME"] = "env-user",
            ["SUBSTRA_UN_NOM_TRES_FRANCAIS_PASSWORD"] = "env-password",
            ["SUBSTRA_UN_NOM_TRES_FRANCAIS_RETRY_TIMEOUT"] = "42",
            ["SUBSTRA_UN_NOM_TRES_FRANCAIS_INSECURE"] = "TRUE",
            ["SUBSTRA_UN_NOM_TRES_FRANCAIS_BACKEND_TYPE"] = "remote",
        };

        var configuration = Resolve(new SubstraClientOptions { ClientName = "un nom très français" }, environment);

        Assert.Equal("http://env.io", configuration.Url);
        Assert.Equal("env-token", configuration.Token);
        Assert.Equal("env-user", configuration.Username);
        Assert.Equal("env-password", configuration.Password);
        Assert.Equal(TimeSpan.FromSeconds(42), configuration.RetryTimeout);
        Assert.True(configuration.Insecure);
        Assert.Equal(BackendType.Remote, configuration.BackendType);
        Assert.All(configuration.Origins.Values, origin => Assert.Equal(ConfigurationOrigin.Environment, origin));
    }

    [Fact]
    public void Without_a_client_name_the_environment_and_the_file_are_ignored()
    {
        var environment = new Dictionary<string, string> { ["SUBSTRA__URL"] = "http://env.io", ["SUBSTRA_URL"] = "http://env.io" };

        var configuration = Resolve(new SubstraClientOptions(), environment);

        Assert.Null(configuration.Url);
    }

    [Fact]
    public void Configuration_file_values_are_read_per_client()
    {
        var file = WriteYaml("""
            org-1:
              backend_type: remote
              url: http://file.io
              username: file-user
              password: file-password
              retry_timeout: 10
              insecure: false
            org-2:
              url: http://other.io
            """);

        var configuration = Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = file }, []);

        Assert.Equal(BackendType.Remote, configuration.BackendType);
        Assert.Equal("http://file.io", configuration.Url);
        Assert.Equal("file-user", configuration.Username);
        Assert.Equal("file-password", configuration.Password);
        Assert.Equal(TimeSpan.FromSeconds(10), configuration.RetryTimeout);
        Assert.False(configuration.Insecure);
        Assert.Equal(ConfigurationOrigin.ConfigurationFile, configuration.Origins["url"]);
    }

    [Fact]
    public void Code_wins_over_environment_which_wins_over_file()
    {
        var file = WriteYaml("org-1:\n  url: http://file.io\n  token: file-token\n  username: file-user\n");
        var environment = new Dictionary<string, string>
        {
            ["SUBSTRA_ORG_1_URL"] = "http://env.io",
            ["SUBSTRA_ORG_1_TOKEN"] = "env-token",
        };

        var configuration = Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = file, Url = "http://code.io" }, environment);

        Assert.Equal("http://code.io", configuration.Url);
        Assert.Equal("env-token", configuration.Token);
        Assert.Equal("file-user", configuration.Username);
        Assert.Equal(ConfigurationOrigin.Code, configuration.Origins["url"]);
        Assert.Equal(ConfigurationOrigin.Environment, configuration.Origins["token"]);
        Assert.Equal(ConfigurationOrigin.ConfigurationFile, configuration.Origins["username"]);
    }

    [Fact]
    public void An_empty_url_in_code_removes_the_url_of_the_environment_and_the_file()
    {
        var file = WriteYaml("org-1:\n  url: http://file.io\n");
        var environment = new Dictionary<string, string> { ["SUBSTRA_ORG_1_URL"] = "http://env.io" };

        var configuration = Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = file, Url = "" }, environment);

        Assert.Null(configuration.Url);
        Assert.Equal(ConfigurationOrigin.Code, configuration.Origins["url"]);
    }

    [Fact]
    public void An_empty_environment_variable_counts_and_overrides_the_file()
    {
        var file = WriteYaml("org-1:\n  url: http://file.io\n");
        var environment = new Dictionary<string, string> { ["SUBSTRA_ORG_1_URL"] = "" };

        var configuration = Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = file }, environment);

        Assert.Null(configuration.Url);
        Assert.Equal(ConfigurationOrigin.Environment, configuration.Origins["url"]);
    }

    [Fact]
    public void The_configuration_file_path_comes_from_the_environment_and_code_wins_over_it()
    {
        var fromEnvironment = WriteYaml("org-1:\n  url: http://env-file.io\n", "env.yaml");
        var fromCode = WriteYaml("org-1:\n  url: http://code-file.io\n", "code.yaml");
        var environment = new Dictionary<string, string> { [ClientConfigurationResolver.ConfigurationFileVariable] = fromEnvironment };

        Assert.Equal("http://env-file.io", Resolve(new SubstraClientOptions { ClientName = "org-1" }, environment).Url);
        Assert.Equal(
            "http://code-file.io",
            Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = fromCode }, environment).Url);
    }

    [Fact]
    public void An_empty_configuration_file_in_code_disables_the_file_from_the_environment()
    {
        var fromEnvironment = WriteYaml("org-1:\n  url: http://env-file.io\n");
        var environment = new Dictionary<string, string> { [ClientConfigurationResolver.ConfigurationFileVariable] = fromEnvironment };

        var configuration = Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = "" }, environment);

        Assert.Null(configuration.Url);
    }

    [Fact]
    public void A_configuration_file_without_client_name_is_an_error_even_from_the_environment()
    {
        var file = WriteYaml("org-1:\n  url: http://file.io\n");
        var environment = new Dictionary<string, string> { [ClientConfigurationResolver.ConfigurationFileVariable] = file };

        var fromCode = Assert.Throws<ConfigurationInfoException>(() => Resolve(new SubstraClientOptions { ConfigurationFile = file }, []));
        var fromEnvironment = Assert.Throws<ConfigurationInfoException>(() => Resolve(new SubstraClientOptions(), environment));

        Assert.Equal("Configuration file cannot be used because no `client_name` was given.", fromCode.Message);
        Assert.Equal(fromCode.Message, fromEnvironment.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    public void Insecure_is_parsed_as_a_boolean(string text, bool expected)
    {
        var environment = new Dictionary<string, string> { ["SUBSTRA_ORG_1_INSECURE"] = text };

        Assert.Equal(expected, Resolve(new SubstraClientOptions { ClientName = "org-1" }, environment).Insecure);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    public void A_bad_boolean_names_the_variable(string text)
    {
        var environment = new Dictionary<string, string> { ["SUBSTRA_ORG_1_INSECURE"] = text };

        var error = Assert.Throws<BadConfigurationException>(() => Resolve(new SubstraClientOptions { ClientName = "org-1" }, environment));

        Assert.Contains("SUBSTRA_ORG_1_INSECURE", error.Message);
        Assert.Contains("true or false", error.Message);
    }

    [Fact]
    public void A_bad_boolean_in_the_file_names_the_entry_and_the_file()
    {
        var file = WriteYaml("org-1:\n  insecure: sometimes\n");

        var error = Assert.Throws<BadConfigurationException>(
            () => Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = file }, []));

        Assert.Contains("'insecure' of client 'org-1'", error.Message);
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void A_bad_retry_timeout_names_the_variable()
    {
        var environment = new Dictionary<string, string> { ["SUBSTRA_ORG_1_RETRY_TIMEOUT"] = "ten" };

        var error = Assert.Throws<BadConfigurationException>(() => Resolve(new SubstraClientOptions { ClientName = "org-1" }, environment));

        Assert.Contains("SUBSTRA_ORG_1_RETRY_TIMEOUT", error.Message);
        Assert.Contains("'ten'", error.Message);
    }

    [Fact]
    public void A_bad_backend_type_gives_the_reference_message_and_the_variable()
    {
        var environment = new Dictionary<string, string> { ["SUBSTRA_ORG_1_BACKEND_TYPE"] = "cloud" };

        var error = Assert.Throws<BadConfigurationException>(() => Resolve(new SubstraClientOptions { ClientName = "org-1" }, environment));

        Assert.StartsWith("Unknown value for the execution mode: cloud, valid values are: ['remote', 'docker', 'subprocess']", error.Message);
        Assert.Contains("SUBSTRA_ORG_1_BACKEND_TYPE", error.Message);
        Assert.IsAssignableFrom<SdkException>(error);
    }

    [Fact]
    public void Code_values_win_over_environment_for_typed_attributes()
    {
        var environment = new Dictionary<string, string>
        {
            ["SUBSTRA_ORG_1_INSECURE"] = "true",
            ["SUBSTRA_ORG_1_RETRY_TIMEOUT"] = "5",
            ["SUBSTRA_ORG_1_BACKEND_TYPE"] = "remote",
        };

        var configuration = Resolve(
            new SubstraClientOptions
            {
                ClientName = "org-1", Insecure = false, RetryTimeout = TimeSpan.FromSeconds(7), BackendType = BackendType.LocalDocker,
            },
            environment);

        Assert.False(configuration.Insecure);
        Assert.Equal(TimeSpan.FromSeconds(7), configuration.RetryTimeout);
        Assert.Equal(BackendType.LocalDocker, configuration.BackendType);
    }

    [Fact]
    public void The_process_environment_is_read_by_default()
    {
        // A client name no other test uses, so that setting process variables cannot disturb parallel tests.
        const string variable = "SUBSTRA_PROCESS_ENV_CHECK_7F3A_URL";
        Environment.SetEnvironmentVariable(variable, "http://process.io");
        try
        {
            var configuration = ClientConfigurationResolver.Resolve(
                new SubstraClientOptions { ClientName = "process env check 7f3a", ConfigurationFile = "" });

            Assert.Equal("http://process.io", configuration.Url);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Invalid_yaml_is_a_configuration_error_naming_the_file()
    {
        var file = WriteYaml("org-1: [unclosed\n");

        var error = Assert.Throws<BadConfigurationException>(
            () => Resolve(new SubstraClientOptions { ClientName = "org-1", ConfigurationFile = file }, []));

        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void Secrets_do_not_appear_in_ToString()
    {
        var options = new SubstraClientOptions { Token = "secret-token", Password = "secret-password" };
        var configuration = Resolve(options, []);

        Assert.DoesNotContain("secret", options.ToString());
        Assert.DoesNotContain("secret", configuration.ToString());
    }

    private static ClientConfiguration Resolve(SubstraClientOptions options, Dictionary<string, string> environment)
        => ClientConfigurationResolver.Resolve(options, name => environment.TryGetValue(name, out var value) ? value : null);

    private string WriteYaml(string content, string name = "config.yaml")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
