namespace Substra.Tests.Shared;

/// <summary>
/// A nuget.config that restores only from a local folder of freshly packed packages, with the machine's package
/// folder as a read-only fallback for the third-party packages the repository already restored: no network needed.
/// </summary>
internal static class LocalFeed
{
    /// <summary>The package folder of this machine (NUGET_PACKAGES, else ~/.nuget/packages).</summary>
    public static string MachinePackagesFolder
        => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Writes <c>nuget.config</c> in <paramref name="directory"/>, with <paramref name="feed"/> as its only source.</summary>
    public static void WriteNuGetConfig(string directory, string feed)
        => File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="substra-local" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{MachinePackagesFolder}" />
              </fallbackPackageFolders>
            </configuration>
            """);
}
