using System.Security;
using System.Text;

namespace Substra.Build.Tests.Infrastructure;

/// <summary>
/// A project in a fresh temporary folder that gets Substra from this repository through eng/Substra.FromSource.targets,
/// built with the real <c>dotnet build</c>.
/// </summary>
internal sealed class TestProject : IDisposable
{
    private readonly Dictionary<string, string> _properties = new(StringComparer.Ordinal);
    private string? _extraProjectXml;
    private string? _packageVersion;

    private readonly string _root;

    private TestProject(string root, string directory, string name)
    {
        _root = root;
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }

    public string Name { get; }

    public string OutputDirectory => Path.Combine(Directory, "bin", "Debug", "net10.0");

    public string FunctionsDirectory => Path.Combine(OutputDirectory, "substra", "functions");

    public string OpenersDirectory => Path.Combine(OutputDirectory, "substra", "openers");

    /// <summary>Extra project XML (items, imports) placed before the Substra import.</summary>
    public string? ExtraProjectXml
    {
        get => _extraProjectXml;
        set
        {
            _extraProjectXml = value;
            WriteProjectFile();
        }
    }

    /// <summary>When set, the project references this Substra.Tools package instead of importing the repository's targets.</summary>
    public string? PackageVersion
    {
        get => _packageVersion;
        set
        {
            _packageVersion = value;
            WriteProjectFile();
        }
    }

    /// <param name="checkout">Folders between the temporary root and the project, as another checkout would have.</param>
    public static TestProject Create(string name, string outputType, string checkout = "")
    {
        var root = Path.Combine(Path.GetTempPath(), "substra-build-tests", Guid.NewGuid().ToString("N")[..12]);
        var directory = Path.Combine(root, checkout, name);
        System.IO.Directory.CreateDirectory(directory);
        // Stop MSBuild's search for Directory.Build.* above the temporary folder.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        var project = new TestProject(root, directory, name);
        project.SetProperty("OutputType", outputType);
        return project;
    }

    public TestProject SetProperty(string name, string? value)
    {
        if (value is null)
        {
            _properties.Remove(name);
        }
        else
        {
            _properties[name] = value;
        }

        WriteProjectFile();
        return this;
    }

    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public Task<ProcessResult> BuildAsync(params string[] extraArguments)
        => DotNetCli.RunAsync(Directory, Environment, ["build", "-nodeReuse:false", .. extraArguments]);

    public Task<ProcessResult> CleanAsync()
        => DotNetCli.RunAsync(Directory, Environment, "clean", "-nodeReuse:false");

    /// <summary>Builds and fails the test with the build output when the build fails.</summary>
    public async Task<ProcessResult> BuildSuccessfullyAsync(params string[] extraArguments)
    {
        var result = await BuildAsync(extraArguments);
        Assert.True(result.Succeeded, result.ToString());
        return result;
    }

    /// <summary>Environment variables for the child builds (an isolated package folder when consuming a package).</summary>
    public Dictionary<string, string>? Environment { get; set; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void WriteProjectFile()
    {
        var xml = new StringBuilder();
        xml.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
        xml.AppendLine("  <PropertyGroup>");
        xml.AppendLine("    <TargetFramework>net10.0</TargetFramework>");
        xml.AppendLine("    <Nullable>enable</Nullable>");
        xml.AppendLine("    <ImplicitUsings>enable</ImplicitUsings>");
        xml.AppendLine("    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>");
        foreach (var (name, value) in _properties.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            xml.AppendLine($"    <{name}>{SecurityElement.Escape(value)}</{name}>");
        }

        xml.AppendLine("  </PropertyGroup>");
        if (ExtraProjectXml is not null)
        {
            xml.AppendLine(ExtraProjectXml);
        }

        xml.AppendLine(PackageVersion is null
            ? $"  <Import Project=\"{SecurityElement.Escape(RepositoryLayout.FromSourceTargets)}\" />"
            : $"  <ItemGroup><PackageReference Include=\"Substra.Tools\" Version=\"{PackageVersion}\" /></ItemGroup>");
        xml.AppendLine("</Project>");
        File.WriteAllText(Path.Combine(Directory, Name + ".csproj"), xml.ToString());
    }
}
