using System.Collections.Concurrent;
using Scriban;
using Scriban.Runtime;
using Substra.Build.Diagnostics;

namespace Substra.Build.Templates;

/// <summary>
/// Parses each template once per process: the embedded defaults by name, user files by path and last write time
/// (an edited file is parsed again).
/// </summary>
internal static class TemplateStore
{
    public const string Dockerfile = "Dockerfile.scriban";
    public const string Description = "Description.scriban";

    private static readonly ConcurrentDictionary<string, Template> Embedded = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string Path, DateTime LastWrite, long Length), Template> Files = new();

    /// <summary>The user's template when <paramref name="overridePath"/> is set, else the embedded default.</summary>
    /// <param name="property">The MSBuild property that names the override, for error messages.</param>
    /// <exception cref="TemplateFailure">The file does not exist or does not parse.</exception>
    public static Template Get(string embeddedName, string? overridePath, string property)
        => string.IsNullOrWhiteSpace(overridePath) ? GetEmbedded(embeddedName) : GetFile(Path.GetFullPath(overridePath), property);

    private static Template GetEmbedded(string name) => Embedded.GetOrAdd(name, static name =>
    {
        using var stream = typeof(TemplateStore).Assembly.GetManifestResourceStream("Substra.Build.Templates." + name)
            ?? throw new InvalidOperationException($"The embedded template {name} is missing from Substra.Build.dll.");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), name);
        return template.HasErrors
            ? throw new InvalidOperationException($"The embedded template {name} does not parse: {template.Messages}")
            : template;
    });

    private static Template GetFile(string path, string property)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new TemplateFailure(ErrorCodes.TemplateNotFound,
                $"The template file '{path}' set in {property} does not exist. Fix the path, or remove {property} to use the default template.");
        }

        return Files.GetOrAdd((path, info.LastWriteTimeUtc, info.Length), key =>
        {
            var template = Template.Parse(File.ReadAllText(key.Path), key.Path);
            if (template.HasErrors)
            {
                throw new TemplateFailure(ErrorCodes.TemplateInvalid,
                    $"The template file '{key.Path}' set in {property} is not a valid Scriban template: {string.Join("; ", template.Messages.Select(message => message.ToString()))}. Fix the template (Scriban syntax) or remove {property} to use the default.");
            }

            return template;
        });
    }

    /// <summary>Renders with the given variables; an unknown variable is an error so that typos do not go unnoticed.</summary>
    /// <exception cref="TemplateFailure">The template failed while rendering.</exception>
    public static string Render(Template template, IReadOnlyDictionary<string, object?> variables, string property)
    {
        var globals = new ScriptObject();
        foreach (var (name, value) in variables)
        {
            globals[name] = value;
        }

        var context = new TemplateContext { StrictVariables = true };
        context.PushGlobal(globals);
        try
        {
            return template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException)
        {
            throw new TemplateFailure(ErrorCodes.TemplateRenderFailed,
                $"The template '{template.SourceFilePath}' failed to render: {exception.Message}. Available variables: {string.Join(", ", variables.Keys)}. Fix the template or remove {property}.");
        }
    }
}
