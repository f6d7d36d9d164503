using System.Runtime.CompilerServices;
using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Schemas;

/// <summary>Checks shared by the specs.</summary>
internal static class SpecRules
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Require(object? value, string wireName, string meaning)
    {
        if (value is null || value is string { Length: 0 })
        {
            throw new SpecValidationException($"'{wireName}' field must be set ({meaning}).", wireName);
        }
    }

    /// <summary>Task and plan keys are UUIDs, as on the platform (a local platform never turns a key into a path).</summary>
    public static void RequireUuid(string? value, string wireName)
    {
        if (value is not null && !Guid.TryParseExact(value, "D", out _))
        {
            throw new SpecValidationException(
                $"'{wireName}' must be a UUID such as '{Guid.NewGuid()}', got '{value}'.", wireName);
        }
    }

    public static void RequireUniqueIdentifiers(IEnumerable<string> identifiers, string message)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var identifier in identifiers)
        {
            if (!seen.Add(identifier))
            {
                throw new SpecValidationException($"{message} Duplicate identifier: '{identifier}'.");
            }
        }
    }

    /// <summary>The inputs and outputs of a task, alone or in a plan.</summary>
    public static void ValidateWiring(IReadOnlyList<InputRef>? inputs, IReadOnlyDictionary<string, ComputeTaskOutputSpec>? outputs)
    {
        foreach (var input in inputs ?? [])
        {
            input.Validate();
        }

        foreach (var output in outputs?.Values ?? [])
        {
            output.Validate();
        }
    }
}
