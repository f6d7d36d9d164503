using System.Runtime.CompilerServices;
using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Local.Registration;

/// <summary>The platform's metadata limits, checked locally as the reference does (docs/compatibility.md#registration-checks).</summary>
internal static class MetadataRules
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Check(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return;
        }

        // One pass, without LINQ: every task of a plan is checked.
        var tooLongKey = false;
        var badValue = false;
        var doubleUnderscore = false;
        if (metadata is Dictionary<string, string> dictionary)
        {
            // The struct enumerator: no allocation per task.
            foreach (var (key, value) in dictionary)
            {
                Check(key, value, ref tooLongKey, ref badValue, ref doubleUnderscore);
            }
        }
        else
        {
            foreach (var (key, value) in metadata)
            {
                Check(key, value, ref tooLongKey, ref badValue, ref doubleUnderscore);
            }
        }

        if (tooLongKey)
        {
            throw new InvalidRequestException("The key in metadata cannot be more than 50 characters", 400);
        }

        if (badValue)
        {
            throw new InvalidRequestException("Values in metadata cannot be empty or more than 100 characters", 400);
        }

        if (doubleUnderscore)
        {
            throw new InvalidRequestException("\"__\" cannot be used in a metadata key, please use simple underscore instead", 400);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Check(string key, string value, ref bool tooLongKey, ref bool badValue, ref bool doubleUnderscore)
    {
        tooLongKey |= key.Length > 50;
        badValue |= string.IsNullOrEmpty(value) || value.Length > 100;
        doubleUnderscore |= key.Contains("__", StringComparison.Ordinal);
    }
}
