namespace Substra.Tools.Python;

/// <summary>A tuple or list returned by a Python opener (other than a list of file paths): a function reads it as a tuple.</summary>
public sealed class PythonSequence : PythonValue
{
    private readonly PythonValue[] _items;

    internal PythonSequence(string pythonType, string where, PythonValue[] items)
        : base(pythonType, where) => this._items = items;

    /// <summary>The items, in order.</summary>
    public IReadOnlyList<PythonValue> Items => _items;

    /// <inheritdoc />
    public override string Description => $"a {PythonType} of {_items.Length} item{(_items.Length == 1 ? string.Empty : "s")}";

    /// <inheritdoc />
    public override PythonValue Item(int index, int count, string? name)
    {
        if (_items.Length != count)
        {
            throw new PythonDataException($"{Where} is {Description}, but the function reads a tuple of {count} elements.");
        }

        return _items[index];
    }

    /// <inheritdoc />
    public override T[] ToArray<T>(bool allowMissingStrings = false)
        => typeof(T) == typeof(string) && _items.Length == 0 ? [] : base.ToArray<T>(allowMissingStrings);
}
