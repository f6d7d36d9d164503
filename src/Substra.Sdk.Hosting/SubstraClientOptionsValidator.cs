using Microsoft.Extensions.Options;
using Substra.Sdk.Configuration;
using Substra.Sdk.Exceptions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Resolves each added client's configuration (code, environment, YAML file) when its options are built, so that with
/// <c>ValidateOnStart</c> a bad configuration stops the host at start instead of failing at the first <c>CreateClient</c>.
/// </summary>
internal sealed class SubstraClientOptionsValidator(SubstraClientRegistry registry) : IValidateOptions<SubstraClientOptions>
{
    public ValidateOptionsResult Validate(string? name, SubstraClientOptions options)
    {
        name ??= Options.Options.DefaultName;
        if (!registry.Contains(name))
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            var configuration = ClientConfigurationResolver.Resolve(options);
            // A docker client without UseDocker() would be refused at its first CreateClient: stop the host instead.
            if (configuration.BackendType == Substra.Sdk.BackendType.LocalDocker && options.DockerBackend is null && options.LocalBackendFactory is null)
            {
                throw Substra.Sdk.Local.Compute.DockerBackendMissing.Exception();
            }

            return ValidateOptionsResult.Success;
        }
        catch (SdkException error)
        {
            return ValidateOptionsResult.Fail($"{(name.Length == 0 ? "The default Substra client" : $"Substra client '{name}'")}: {error.Message}");
        }
    }
}
