namespace Substra.Tools.Python;

/// <summary>A dict with str keys returned by a Python opener: a function reads it as a tuple whose element names are its keys.</summary>
public sealed class PythonMapping : PythonValue
{
    private readonly KeyValuePair<string, PythonValue>[] _entries;

    internal PythonMapping(string pythonType, string where, KeyValuePair<string, PythonValue>[] entries)
        : base(pythonType, where) => this._entries = entries;

    /// <summary>The entries, in the dict's order.</summary>
    public IReadOnlyList<KeyValuePair<string, PythonValue>> Entries => _entries;

    /// <inheritdoc />
    public override string Description
        => _entries.Length == 0 ? $"an empty {PythonType}" : $"a {PythonType} with the keys {KeyList()}";

    /// <inheritdoc />
    public override PythonValue Item(int index, int count, string? name)
    {
        if (name is null)
        {
            if (_entries.Length != count)
            {
                throw new PythonDataException(
                    $"{Where} is {Description}, but the function reads a tuple of {count} unnamed elements: name the tuple elements after the keys.");
            }

            return _entries[index].Value;
        }

        foreach (var entry in _entries)
        {
            if (entry.Key == name)
            {
                return entry.Value;
            }
        }

        var matches = _entries.Where(entry => string.Equals(entry.Key, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1
            ? matches[0].Value
            : throw new PythonDataException(
                $"{Where} is {Description}, which has no key '{name}' for the tuple element '{name}': name the tuple elements after the keys.");
    }

    private string KeyList() => string.Join(", ", _entries.Select(entry => $"'{entry.Key}'"));
}
