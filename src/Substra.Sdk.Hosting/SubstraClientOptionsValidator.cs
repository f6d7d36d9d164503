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
            ClientConfigurationResolver.Resolve(options);
            return ValidateOptionsResult.Success;
        }
        catch (SdkException error)
        {
            return ValidateOptionsResult.Fail($"{(name.Length == 0 ? "The default Substra client" : $"Substra client '{name}'")}: {error.Message}");
        }
    }
}
