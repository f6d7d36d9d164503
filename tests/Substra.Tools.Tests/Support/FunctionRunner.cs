namespace Substra.Tools.Tests.Support;

/// <summary>Runs a substratools-compatible function: the .NET fixture app or the Python contract script.</summary>
public abstract class FunctionRunner
{
    public const string DotNet = "dotnet";
    public const string Generated = "dotnet-generated";
    public const string Python = "python";

    public abstract string Name { get; }

    /// <summary>Copies this runner's opener (a .NET artifact or a Python module) to <paramref name="destination"/>.</summary>
    public abstract void CopyOpener(string destination);

    public abstract Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string workingDirectory);

    public static FunctionRunner Get(string name) => name switch
    {
        DotNet => new DotNetRunner(),
        Generated => new GeneratedRunner(),
        Python => new PythonRunner(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown runner."),
    };

    public override string ToString() => Name;

    private sealed class DotNetRunner : FunctionRunner
    {
        public override string Name => DotNet;

        public override void CopyOpener(string destination) => File.Copy(Fixtures.OpenerArtifactPath, destination, overwrite: true);

        public override Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string workingDirectory)
            => ProcessRunner.RunAsync("dotnet", [Fixtures.FunctionsDll, .. arguments], workingDirectory);
    }

    /// <summary>The same functions with the registry, dispatch and entry point emitted by Substra.Generators.</summary>
    private sealed class GeneratedRunner : FunctionRunner
    {
        public override string Name => Generated;

        public override void CopyOpener(string destination) => File.Copy(Fixtures.OpenerArtifactPath, destination, overwrite: true);

        public override Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string workingDirectory)
            => ProcessRunner.RunAsync("dotnet", [Fixtures.GeneratedDll, .. arguments], workingDirectory);
    }

    private sealed class PythonRunner : FunctionRunner
    {
        public override string Name => Python;

        public override void CopyOpener(string destination) => File.Copy(Fixtures.PythonOpener, destination, overwrite: true);

        public override Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string workingDirectory)
            => ProcessRunner.RunAsync(Fixtures.PythonExecutable, [Fixtures.PythonScript, .. arguments], workingDirectory);
    }
}
