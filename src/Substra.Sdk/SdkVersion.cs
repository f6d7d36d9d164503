using System.Reflection;

namespace Substra.Sdk;

/// <summary>The package version of this SDK (e.g. <c>0.2.0</c> or <c>0.2.1-alpha.0.3</c>).</summary>
/// <remarks>
/// Read from the informational version: versions come from git tags, and the assembly version keeps only the major
/// (<c>0.0.0.0</c> for every 0.x release), so it cannot tell releases apart.
/// </remarks>
internal static class SdkVersion
{
    public static string Value { get; } = Read();

    private static string Read()
    {
        var informational = typeof(SdkVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return "0.0.0";
        }

        // "0.2.0+<commit>": the build metadata names the commit, not the version.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
