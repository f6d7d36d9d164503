namespace Substra.Build.Diagnostics;

/// <summary>The stable codes of the build's errors and warnings (docs/packaging.md lists them with their fixes).</summary>
internal static class ErrorCodes
{
    public const string FunctionsNotExecutable = "SUBB001";
    public const string InvalidBaseImage = "SUBB002";
    public const string TemplateNotFound = "SUBB003";
    public const string TemplateInvalid = "SUBB004";
    public const string TemplateRenderFailed = "SUBB005";
    public const string AssemblyUnreadable = "SUBB006";
    public const string InvalidMetadata = "SUBB007";
    public const string DuplicateName = "SUBB008";
    public const string ConflictingAppFiles = "SUBB009";
    // SUBB010 (PublishAot ignored) is retired: PublishAot now gives native archives.
    public const string MachineSpecificBinary = "SUBB011";
    public const string ArtifactsClassConflict = "SUBB012";
    public const string NativeAotNotLinux = "SUBB013";
    public const string NativeToolchainMissing = "SUBB014";
    public const string NativeExecutableMissing = "SUBB015";

    // SUBB016 (SubstraNativeAot without PublishAot) is raised by build/Substra.Build.targets.
}
