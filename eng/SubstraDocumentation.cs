namespace Substra;

/// <summary>
/// Where the diagnostics of the generator (SUB…) and of the build tasks (SUBB…) link to: a section per id in the
/// repository's docs/. Compiled into both; msbuild/Substra.Build/build/Substra.Build.props holds the same address
/// for the errors that targets raise (a test checks they agree and that every linked section exists).
/// </summary>
internal static class SubstraDocumentation
{
    public const string BaseUrl = "https://github.com/Substra/Substra.Framework/blob/main/docs/";

    public const string GeneratorPage = "generator.md";

    public const string PackagingPage = "packaging.md";

    /// <summary>The link to the section of <paramref name="id"/> (its anchor is the id in lower case) in a page of docs/.</summary>
    public static string Section(string page, string id) => BaseUrl + page + "#" + id.ToLowerInvariant();
}
