namespace Substra.Tools.Python;

/// <summary>A list (or tuple) of file paths returned by a Python opener; a function reads it as <c>string[]</c>.</summary>
public sealed class PythonPaths : PythonValue
{
    private readonly string[] _paths;

    internal PythonPaths(string pythonType, string where, string[] paths)
        : base(pythonType, where) => this._paths = paths;

    /// <summary>The paths, in order.</summary>
    public IReadOnlyList<string> Paths => _paths;

    /// <inheritdoc />
    public override string Description => $"a {PythonType} of {_paths.Length} file path{(_paths.Length == 1 ? string.Empty : "s")}";

    /// <inheritdoc />
    public override T[] ToArray<T>(bool allowMissingStrings = false)
        => typeof(T) == typeof(string) ? (T[])(object)_paths : base.ToArray<T>(allowMissingStrings);
}
