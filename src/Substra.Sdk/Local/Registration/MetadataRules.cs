using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Local.Registration;

/// <summary>The platform's metadata limits, checked locally as the reference does (substra-behaviour.md §4.3).</summary>
internal static class MetadataRules
{
    public static void Check(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return;
        }

        if (metadata.Keys.Any(key => key.Length > 50))
        {
            throw new InvalidRequestException("The key in metadata cannot be more than 50 characters", 400);
        }

        if (metadata.Values.Any(value => string.IsNullOrEmpty(value) || value.Length > 100))
        {
            throw new InvalidRequestException("Values in metadata cannot be empty or more than 100 characters", 400);
        }

        if (metadata.Keys.Any(key => key.Contains("__", StringComparison.Ordinal)))
        {
            throw new InvalidRequestException("\"__\" cannot be used in a metadata key, please use simple underscore instead", 400);
        }
    }
}
