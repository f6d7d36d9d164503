using System.Collections;
using System.Text.RegularExpressions;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>The environment a function process gets: this process's, minus the client's credentials.</summary>
internal static partial class TaskEnvironment
{
    public static bool IsSecret(string name) => Secret().IsMatch(name);

    public static void RemoveSecrets(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(IsSecret).ToList())
        {
            environment.Remove(name);
        }
    }

    public static IEnumerable<string> SecretNames() =>
        Environment.GetEnvironmentVariables().Keys.Cast<object>().Select(key => key.ToString()!).Where(IsSecret);

    [GeneratedRegex("^SUBSTRA_.*_(TOKEN|PASSWORD|USERNAME)$", RegexOptions.IgnoreCase)]
    private static partial Regex Secret();
}
