using Substra.Tools.Plans;

namespace Substra.Sdk.Artifacts;

/// <summary>
/// The functions and openers that <c>dotnet build</c> wrote for the projects a project references. A project that
/// references Substra.Sdk gets them at build time as the generated <c>SubstraArtifacts</c> class (docs/packaging.md).
/// </summary>
public sealed class BuiltArtifacts
{
    /// <summary>The artifacts of the referenced projects (the generated <c>SubstraArtifacts</c> class calls this).</summary>
    public BuiltArtifacts(IEnumerable<BuiltFunction> functions, IEnumerable<BuiltOpener> openers)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(openers);
        Functions = functions.ToList();
        Openers = openers.ToList();
    }

    /// <summary>The function archives built by the referenced projects.</summary>
    public IReadOnlyList<BuiltFunction> Functions { get; }

    /// <summary>The opener artifacts built by the referenced projects.</summary>
    public IReadOnlyList<BuiltOpener> Openers { get; }

    /// <summary>The archive of the function a generated handle describes (<c>MyFunctions.Handles.Train</c>).</summary>
    public BuiltFunction Function(FunctionHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return Function(handle.Name);
    }

    /// <summary>The archive of the function named <paramref name="name"/>; a <see cref="KeyNotFoundException"/> lists the built ones when there is none.</summary>
    public BuiltFunction Function(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Functions.FirstOrDefault(f => f.Name == name)
            ?? throw new KeyNotFoundException(
                $"No referenced project built a function named '{name}' (built: {List(Functions.Select(f => (f.Name, f.Project)))}). "
                + "Reference the project that declares [SubstraFunction(\"" + name + "\")] (a ProjectReference) and build.");
    }

    /// <summary>The opener artifact named <paramref name="name"/>; a <see cref="KeyNotFoundException"/> lists the built ones when there is none.</summary>
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
