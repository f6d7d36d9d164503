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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ValidateWiring(IReadOnlyList<InputRef>? inputs, IReadOnlyDictionary<string, ComputeTaskOutputSpec>? outputs)
    {
        // An index loop and the dictionary's struct enumerator: a foreach over the interfaces boxes an enumerator, twice per
        // task of a plan.
        for (var i = 0; i < (inputs?.Count ?? 0); i++)
        {
            inputs![i].Validate();
        }

        if (outputs is Dictionary<string, ComputeTaskOutputSpec> dictionary)
        {
            foreach (var output in dictionary.Values)
            {
                output.Validate();
            }
        }
        else
        {
            foreach (var output in outputs?.Values ?? [])
            {
                output.Validate();
            }
        }
    }
}
