using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Substra.Build.Archives;
using Substra.Build.Diagnostics;
using Substra.Build.IO;
using Substra.Build.Metadata;
using Substra.Build.Templates;
using Substra.Build.Validation;
using Substra.Generators.Parsing;

namespace Substra.Build.Tasks;

/// <summary>
/// Writes, for each function recorded in the compiled assembly, <c>&lt;name&gt;.zip</c> (Dockerfile + the published
/// application), <c>&lt;name&gt;.json</c> (its schema) and <c>&lt;name&gt;.md</c>; for an opener,
/// <c>&lt;name&gt;.opener</c> and <c>&lt;name&gt;.md</c>. Files whose bytes do not change are not rewritten, and
/// artifacts of the previous run that are no longer produced are deleted.
/// </summary>
public sealed class PackageSubstraArtifacts : Microsoft.Build.Utilities.Task
{
    private const string DockerfileProperty = "SubstraDockerfileTemplate";
    private const string DescriptionProperty = "SubstraDescriptionTemplate";
    private const string OpenerManifestEntry = "substra-opener.json";

    /// <summary>The compiled assembly (<c>@(IntermediateAssembly)</c>).</summary>
    [Required, NotNull]
    public string? AssemblyPath { get; set; }

    /// <summary>The file name the application runs as (<c>$(TargetFileName)</c>, e.g. <c>App.dll</c>).</summary>
    [Required, NotNull]
    public string? AssemblyFileName { get; set; }

    /// <summary>Published files of the application; <c>RelativePath</c> metadata is the path inside the archive.</summary>
    [Required, NotNull]
    public ITaskItem[]? ApplicationFiles { get; set; }

    /// <summary>
    /// What function archives hold, when it differs from <see cref="ApplicationFiles"/>: the application published for
    /// the platform (ReadyToRun, or a native executable). Openers always hold <see cref="ApplicationFiles"/>.
    /// </summary>
    public ITaskItem[]? FunctionFiles { get; set; }

    /// <summary>The file name of the native executable among <see cref="FunctionFiles"/>; the archives run it instead of <c>dotnet</c>.</summary>
    public string? NativeExecutable { get; set; }

    [Required, NotNull]
    public string? FunctionsDirectory { get; set; }

    [Required, NotNull]
    public string? OpenersDirectory { get; set; }

    public string? OutputType { get; set; }

    public string? BaseImage { get; set; }

    /// <summary>The base image of functions that read Python openers (<c>SubstraPythonBaseImage</c>); empty: <see cref="BaseImage"/>.</summary>
    public string? PythonBaseImage { get; set; }

    public string? DockerfileTemplate { get; set; }

    public string? DescriptionTemplate { get; set; }

    /// <summary>Warn about published binaries that carry a path of this machine (<c>SubstraDeterministicSourcePaths</c>).</summary>
    public bool ReportMachineSpecificBinaries { get; set; }

    /// <summary>The artifacts the previous run wrote; those not produced again are deleted.</summary>
    public ITaskItem[] PreviousArtifacts { get; set; } = [];

    /// <summary>Every artifact this run produced (written or already up to date).</summary>
    [Output]
    public ITaskItem[] Artifacts { get; private set; } = [];

    public override bool Execute()
    {
        var artifacts = new List<string>();
        try
        {
            Package(artifacts);
        }
        catch (TemplateFailure failure)
        {
            LogCodedError(failure.Code, failure.Message);
        }

        if (!Log.HasLoggedErrors)
        {
            DeleteStaleArtifacts(artifacts);
            Artifacts = artifacts.Select(path => (ITaskItem)new TaskItem(path)).ToArray();
        }

        return !Log.HasLoggedErrors;
    }

    private void Package(List<string> artifacts)
    {
        SubstraAssemblyMetadata metadata;
        try
        {
            metadata = AssemblyMetadataReader.Read(AssemblyPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            LogCodedError(ErrorCodes.AssemblyUnreadable,
                $"Cannot read the Substra metadata of '{AssemblyPath}': {exception.Message}. Rebuild the project; if this persists, set SubstraPackage=false and report the problem.");
            return;
        }

        if (metadata.Functions.Count == 0 && metadata.Openers.Count == 0)
        {
            Log.LogMessage(MessageImportance.Low, "Substra: no function or opener in {0}, nothing to package.", AssemblyPath);
            return;
        }

        if (!ValidateNames(metadata))
        {
            return;
        }

        var applicationFiles = ReadApplicationFiles(ApplicationFiles);
        if (applicationFiles is null)
        {
            return;
        }

        if (ReportMachineSpecificBinaries)
        {
            ReportLocalPaths(applicationFiles);
        }

        if (metadata.Functions.Count > 0)
        {
            var functionFiles = FunctionFiles is null ? applicationFiles : ReadApplicationFiles(FunctionFiles);
            if (functionFiles is null)
            {
                return;
            }

            PackageFunctions(metadata.Functions, functionFiles, artifacts);
        }

        foreach (var opener in metadata.Openers)
        {
            PackageOpener(opener, applicationFiles, artifacts);
        }
    }

    private void PackageFunctions(IReadOnlyList<FunctionMetadata> functions, List<ArchiveEntry> applicationFiles, List<string> artifacts)
    {
        if (!string.Equals(OutputType, "Exe", StringComparison.OrdinalIgnoreCase))
        {
            LogCodedError(ErrorCodes.FunctionsNotExecutable,
                $"This project declares Substra functions ({string.Join(", ", functions.Select(function => function.Name).Order(StringComparer.Ordinal))}) but its OutputType is '{OutputType}': a function archive runs the project as an application. Set <OutputType>Exe</OutputType> in the project, or move the functions to an executable project.");
            return;
        }

        var baseImage = BaseImage?.Trim() ?? string.Empty;
        if (DockerImageReference.Validate(baseImage) is { } problem)
        {
            LogCodedError(ErrorCodes.InvalidBaseImage,
                $"SubstraBaseImage '{baseImage}' is not a valid Docker image reference: {problem}. Set it to an image such as mcr.microsoft.com/dotnet/runtime:10.0, or remove it to use the default.");
            return;
        }

        var pythonBaseImage = string.IsNullOrWhiteSpace(PythonBaseImage) ? baseImage : PythonBaseImage.Trim();
        if (functions.Any(static function => function.ReadsPythonOpeners) && DockerImageReference.Validate(pythonBaseImage) is { } pythonProblem)
        {
            LogCodedError(ErrorCodes.InvalidBaseImage,
                $"SubstraPythonBaseImage '{pythonBaseImage}' is not a valid Docker image reference: {pythonProblem}. Set it to an image with the .NET runtime (and, to skip installing them, Python 3 with numpy and pandas), or remove it to use SubstraBaseImage.");
            return;
        }

        var native = !string.IsNullOrEmpty(NativeExecutable);
        if (native)
        {
            var index = applicationFiles.FindIndex(file => file.Path == NativeExecutable);
            if (index < 0)
            {
                LogCodedError(ErrorCodes.NativeExecutableMissing,
                    $"The native publish of this project produced no '{NativeExecutable}' executable (it produced: {string.Join(", ", applicationFiles.Select(file => file.Path))}). Check the publish output above, or set SubstraNativeAot=false.");
                return;
            }

            applicationFiles = [.. applicationFiles];
            applicationFiles[index] = applicationFiles[index] with { Executable = true };
        }

        var dockerfile = TemplateStore.Get(TemplateStore.Dockerfile, DockerfileTemplate, DockerfileProperty);
        var description = TemplateStore.Get(TemplateStore.Description, DescriptionTemplate, DescriptionProperty);
        var dockerIgnore = new ArchiveEntry(".dockerignore", Encoding.UTF8.GetBytes("Dockerfile\n.dockerignore\n"));

        foreach (var function in functions)
        {
            // A native executable runs from the WORKDIR; the others on the image's dotnet.
            var entrypoint = native
                ? $"[\"./{NativeExecutable}\", \"--function-name\", \"{function.Name}\"]"
                : $"[\"dotnet\", \"{AssemblyFileName}\", \"--function-name\", \"{function.Name}\"]";
            var dockerfileText = TemplateStore.Render(dockerfile, new Dictionary<string, object?>
            {
                ["base_image"] = function.ReadsPythonOpeners ? pythonBaseImage : baseImage,
                ["entrypoint"] = entrypoint,
                ["python_openers"] = function.ReadsPythonOpeners,
                ["function_name"] = function.Name,
                ["assembly_file"] = AssemblyFileName,
                ["native_executable"] = native ? NativeExecutable : null,
                ["schema_json"] = function.SchemaJson,
            }, DockerfileProperty);

            var entries = new List<ArchiveEntry>(applicationFiles.Count + 2)
            {
                dockerIgnore,
                new("Dockerfile", Encoding.UTF8.GetBytes(dockerfileText)),
            };
            entries.AddRange(applicationFiles);
            if (!TryCreateZip(entries, out var archive))
            {
                return;
            }

            Write(Path.Combine(FunctionsDirectory, function.Name + ".zip"), archive, artifacts);
            Write(Path.Combine(FunctionsDirectory, function.Name + ".json"), Encoding.UTF8.GetBytes(function.SchemaJson), artifacts);
            Write(Path.Combine(FunctionsDirectory, function.Name + ".md"),
                RenderDescription(description, function.Name, "function", function.Description), artifacts);
        }
    }

    private void PackageOpener(OpenerMetadata opener, List<ArchiveEntry> applicationFiles, List<string> artifacts)
    {
        var description = TemplateStore.Get(TemplateStore.Description, DescriptionTemplate, DescriptionProperty);
        var entries = new List<ArchiveEntry>(applicationFiles.Count + 1) { new(OpenerManifestEntry, OpenerManifest(opener)) };
        entries.AddRange(applicationFiles);
        if (!TryCreateZip(entries, out var archive))
        {
            return;
        }

        Write(Path.Combine(OpenersDirectory, opener.Name + ".opener"), archive, artifacts);
        Write(Path.Combine(OpenersDirectory, opener.Name + ".md"), RenderDescription(description, opener.Name, "opener", opener.Description), artifacts);
    }

    private byte[] OpenerManifest(OpenerMetadata opener)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("format", "substra-dotnet-opener");
            writer.WriteNumber("version", 1);
            writer.WriteString("name", opener.Name);
            writer.WriteString("assembly", AssemblyFileName);
            writer.WriteString("factory", opener.FactoryTypeName);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static byte[] RenderDescription(Scriban.Template template, string name, string kind, string? description)
    {
        var text = TemplateStore.Render(template, new Dictionary<string, object?>
        {
            ["name"] = name,
            ["kind"] = kind,
            ["description"] = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
        }, DescriptionProperty);
        return Encoding.UTF8.GetBytes(text.TrimEnd() + "\n");
    }

    // The generator reports bad and clashing names on the attributes in source (SUB032, SUB004, SUB033, SUB012) and
    // records none of them, so these checks only catch metadata it did not write: hand-written metadata attributes.
    private bool ValidateNames(SubstraAssemblyMetadata metadata)
    {
        var valid = true;
        foreach (var function in metadata.Functions)
        {
            valid &= ValidateName(function.Name, "function", "SubstraFunction");
            if (!IsSchemaOf(function))
            {
                LogCodedError(ErrorCodes.InvalidMetadata,
                    $"The schema recorded for function '{function.Name}' is not a JSON object whose \"name\" is '{function.Name}': {function.SchemaJson}. The SubstraFunctionMetadata attribute is written by the Substra generator; make sure the project references it and rebuild.");
                valid = false;
            }
        }

        foreach (var opener in metadata.Openers)
        {
            valid &= ValidateName(opener.Name, "opener", "SubstraOpener");
            if (opener.FactoryTypeName.Length == 0)
            {
                LogCodedError(ErrorCodes.InvalidMetadata,
                    $"The SubstraOpenerMetadata attribute of opener '{opener.Name}' names no factory type. It is written by the Substra generator; make sure the project references it and rebuild.");
                valid = false;
            }
        }

        foreach (var duplicate in metadata.Functions.GroupBy(function => function.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
        {
            var names = string.Join(", ", duplicate.Select(function => $"'{function.Name}'"));
            LogCodedError(ErrorCodes.DuplicateName,
                $"The assembly records several functions named '{duplicate.Key}' ignoring case ({names}): their artifact files would overwrite each other. The Substra generator reports this on the [SubstraFunction] attributes (SUB004, SUB033) and records only one of them, so these come from SubstraFunctionMetadata attributes written by hand: give each function a name that differs by more than case.");
            valid = false;
        }

        if (metadata.Openers.Count > 1)
        {
            LogCodedError(ErrorCodes.DuplicateName,
                $"The assembly records {metadata.Openers.Count} openers ({string.Join(", ", metadata.Openers.Select(opener => opener.Name))}); a data-provider project has exactly one. The Substra generator reports this on the [SubstraOpener] classes (SUB012) and records only one, so these come from SubstraOpenerMetadata attributes written by hand: keep one and move the others to projects of their own.");
            valid = false;
        }

        return valid;
    }

    private bool ValidateName(string name, string kind, string attribute)
    {
        if (ArtifactName.Problem(name) is not { } problem)
        {
            return true;
        }

        LogCodedError(ErrorCodes.InvalidMetadata,
            $"The {kind} name '{name}' recorded in the assembly cannot name its artifact files: {problem}; use ASCII letters, digits, '_', '-' and '.', starting with a letter or a digit, at most {ArtifactName.MaxLength} characters. The Substra generator reports such a name on the [{attribute}] attribute (SUB032) and never records it, so this one comes from a {attribute}Metadata attribute written by hand: rename the {kind} there.");
        return false;
    }

    private static bool IsSchemaOf(FunctionMetadata function)
    {
        try
        {
            using var document = JsonDocument.Parse(function.SchemaJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("name", out var name)
                && name.ValueKind == JsonValueKind.String
                && name.GetString() == function.Name;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private List<ArchiveEntry>? ReadApplicationFiles(ITaskItem[] files)
    {
        var byPath = new SortedDictionary<string, (string Source, byte[] Content)>(StringComparer.Ordinal);
        var ok = true;
        foreach (var item in files)
        {
            var relativePath = item.GetMetadata("RelativePath");
            if (string.IsNullOrEmpty(relativePath))
            {
                relativePath = Path.GetFileName(item.ItemSpec);
            }

            relativePath = relativePath.Replace('\\', '/');
            var source = item.GetMetadata("FullPath");
            var content = File.ReadAllBytes(source);
            if (byPath.TryGetValue(relativePath, out var existing))
            {
                if (!existing.Content.AsSpan().SequenceEqual(content))
                {
                    LogCodedError(ErrorCodes.ConflictingAppFiles,
                        $"Two different files would be published as '{relativePath}': '{existing.Source}' and '{source}'. Remove one of them from the project's published files.");
                    ok = false;
                }

                continue;
            }

            byPath.Add(relativePath, (source, content));
        }

        foreach (var reserved in new[] { "Dockerfile", ".dockerignore", OpenerManifestEntry })
        {
            if (byPath.TryGetValue(reserved, out var clash))
            {
                LogCodedError(ErrorCodes.ConflictingAppFiles,
                    $"The published file '{clash.Source}' is named '{reserved}', which the Substra archive reserves for itself. Rename it or exclude it from publishing (CopyToPublishDirectory=Never).");
                ok = false;
            }
        }

        return ok ? byPath.Select(pair => new ArchiveEntry(pair.Key, pair.Value.Content)).ToList() : null;
    }

    private void ReportLocalPaths(List<ArchiveEntry> applicationFiles)
    {
        foreach (var file in applicationFiles.Where(file => file.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
        {
            if (DebugPathReader.LocalPdbPath(file.Content) is { } localPath)
            {
                LogCodedWarning(ErrorCodes.MachineSpecificBinary,
                    $"{file.Path} records the path '{localPath}' of this machine, so the Substra archives of this project differ from one checkout folder to another, and so do their image tags. Compile the project that produces {file.Path} with mapped source paths, e.g. <PathMap>$(MSBuildProjectDirectory)/=/_/</PathMap> in its project file or in a Directory.Build.props (projects that reference Substra.Tools get this automatically), or set SubstraDeterministicSourcePaths=false in this project to accept machine-specific archives.");
            }
        }
    }

    private bool TryCreateZip(List<ArchiveEntry> entries, [NotNullWhen(true)] out byte[]? archive)
    {
        try
        {
            archive = DeterministicZip.Create(entries);
            return true;
        }
        catch (InvalidOperationException exception)
        {
            LogCodedError(ErrorCodes.ConflictingAppFiles, exception.Message + " Remove the duplicate from the project's published files.");
            archive = null;
            return false;
        }
    }

    private void Write(string path, byte[] content, List<string> artifacts)
    {
        var fullPath = Path.GetFullPath(path);
        artifacts.Add(fullPath);
        if (FileUpdater.WriteIfChanged(fullPath, content))
        {
            Log.LogMessage(MessageImportance.Normal, "Substra: wrote {0}", fullPath);
        }
        else
        {
            Log.LogMessage(MessageImportance.Low, "Substra: {0} is up to date", fullPath);
        }
    }

    private void DeleteStaleArtifacts(List<string> artifacts)
    {
        var current = new HashSet<string>(artifacts, StringComparer.Ordinal);
        foreach (var previous in PreviousArtifacts)
        {
            var path = previous.GetMetadata("FullPath");
            if (!current.Contains(path) && File.Exists(path))
            {
                File.Delete(path);
                Log.LogMessage(MessageImportance.Normal, "Substra: deleted {0}, which this project no longer produces", path);
            }
        }
    }

    private string ProjectFile => BuildEngine?.ProjectFileOfTaskNode ?? string.Empty;

    // Every code links to its section of docs/packaging.md: as the help link (the terminal logger makes the code a
    // link, IDEs show it) and at the end of the message, as the compiler does, for plain console logs.
    private void LogCodedError(string code, string message)
        => Log.LogError(null, code, null, HelpLink(code), ProjectFile, 0, 0, 0, 0, WithLink(code, message));

    private void LogCodedWarning(string code, string message)
        => Log.LogWarning(null, code, null, HelpLink(code), ProjectFile, 0, 0, 0, 0, WithLink(code, message));

    private static string WithLink(string code, string message) => message + " (" + HelpLink(code) + ")";

    internal static string HelpLink(string code) => SubstraDocumentation.Section(SubstraDocumentation.PackagingPage, code);
}
