namespace Substra.Sdk.Local;

/// <summary>
/// The layout of <c>local-worker/</c> (substra-behaviour.md §4.1, §4.5): task folders, kept outputs, logs, live
/// performances, unpacked functions, and this client's asset files folder.
/// </summary>
internal sealed class LocalWorkspace
{
    public LocalWorkspace(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
        AssetsDirectory = Path.Combine(Root, Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)[..8]);
        Directory.CreateDirectory(AssetsDirectory);
    }

    public string Root { get; }

    /// <summary>This client's copies of registered files: <c>&lt;assets&gt;/&lt;asset_key&gt;/&lt;file name&gt;</c>.</summary>
    public string AssetsDirectory { get; }

    public string TaskDirectory(string taskKey) => Path.Combine(Root, taskKey);

    public string OutputsDirectory(string taskKey) => Path.Combine(Root, "outputs", taskKey);

    public string LogPath(string taskKey) => Path.Combine(Root, "logs", taskKey + ".txt");

    public string LivePerformancesPath(string computePlanKey) => Path.Combine(Root, "live_performances", computePlanKey, "performances.json");
}
