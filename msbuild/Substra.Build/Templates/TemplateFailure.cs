namespace Substra.Build.Templates;

/// <summary>A template could not be found, parsed or rendered; <see cref="Code"/> is the build error code to report.</summary>
internal sealed class TemplateFailure(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
