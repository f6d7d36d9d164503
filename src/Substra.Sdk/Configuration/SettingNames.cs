namespace Substra.Sdk.Configuration;

/// <summary>Suggests the setting a misspelt name was meant to be.</summary>
internal static class SettingNames
{
    /// <summary>" (did you mean 'x'?)" for the closest valid name (same letters ignoring case and separators, or at most two edits); "" otherwise.</summary>
    public static string DidYouMean(string name, IEnumerable<string> valid)
    {
        var closest = valid
            .Select(candidate => (Candidate: candidate, Distance: Normalize(candidate) == Normalize(name) ? 0 : Distance(name, candidate)))
            .Where(pair => pair.Distance <= 2)
            .OrderBy(pair => pair.Distance)
            .Select(pair => pair.Candidate)
            .FirstOrDefault();
        return closest is null ? "" : $" (did you mean '{closest}'?)";
    }

    private static string Normalize(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    // Levenshtein distance, case-insensitive.
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
