using Substra.Tools.Plans;

namespace Substra.Sdk.Artifacts;

/// <summary>
/// The functions and openers that <c>dotnet build</c> wrote for the projects a project references. A project that
/// references Substra.Sdk gets them at build time as the generated <c>SubstraArtifacts</c> class (docs/packaging.md).
/// </summary>
public sealed class BuiltArtifacts
{
    public BuiltArtifacts(IEnumerable<BuiltFunction> functions, IEnumerable<BuiltOpener> openers)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(openers);
        Functions = functions.ToList();
        Openers = openers.ToList();
    }

    public IReadOnlyList<BuiltFunction> Functions { get; }

    public IReadOnlyList<BuiltOpener> Openers { get; }

    /// <summary>The archive of the function a generated handle describes (<c>MyFunctions.Handles.Train</c>).</summary>
    public BuiltFunction Function(FunctionHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return Function(handle.Name);
    }

    public BuiltFunction Function(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Functions.FirstOrDefault(f => f.Name == name)
            ?? throw new KeyNotFoundException(
                $"No referenced project built a function named '{name}' (built: {List(Functions.Select(f => (f.Name, f.Project)))}). "
                + "Reference the project that declares [SubstraFunction(\"" + name + "\")] (a ProjectReference) and build.");
    }

    public BuiltOpener Opener(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Openers.FirstOrDefault(o => o.Name == name)
            ?? throw new KeyNotFoundException(
                $"No referenced project built an opener named '{name}' (built: {List(Openers.Select(o => (o.Name, o.Project)))}). "
                + "Reference the data-provider project that declares [SubstraOpener(\"" + name + "\")] (a ProjectReference) and build.");
    }

    private static string List(IEnumerable<(string Name, string Project)> built)
    {
        var names = built.Select(b => $"'{b.Name}' from {b.Project}").ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
