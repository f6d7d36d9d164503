namespace Substra.Tools.Python;

/// <summary>A tuple or list returned by a Python opener (other than a list of file paths): a function reads it as a tuple.</summary>
public sealed class PythonSequence : PythonValue
{
    private readonly PythonValue[] items;

    internal PythonSequence(string pythonType, string where, PythonValue[] items)
        : base(pythonType, where) => this.items = items;

    /// <summary>The items, in order.</summary>
    public IReadOnlyList<PythonValue> Items => items;

    /// <inheritdoc />
    public override string Description => $"a {PythonType} of {items.Length} item{(items.Length == 1 ? string.Empty : "s")}";

    /// <inheritdoc />
    public override PythonValue Item(int index, int count, string? name)
    {
        if (items.Length != count)
        {
            throw new PythonDataException($"{Where} is {Description}, but the function reads a tuple of {count} elements.");
        }

        return items[index];
    }

    /// <inheritdoc />
    public override T[] ToArray<T>(bool allowMissingStrings = false)
        => typeof(T) == typeof(string) && items.Length == 0 ? [] : base.ToArray<T>(allowMissingStrings);
}
