using System.Runtime.CompilerServices;

namespace Substra.Sdk.Local.Registration;

/// <summary>
/// The registered copies of tasks' metadata in one registration: a task whose metadata equals the previous task's shares
/// its copy (tasks of a round usually carry the same values), so a plan of 100,000 tasks makes a few thousand copies, and
/// the journal writes each once.
/// </summary>
internal sealed class MetadataCopies
{
    private IReadOnlyDictionary<string, string>? _source;
    private Dictionary<string, string>? _copy;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IReadOnlyDictionary<string, string> CopyOf(IReadOnlyDictionary<string, string> metadata)
    {
        if (_copy is not null && (ReferenceEquals(metadata, _source) || SameValues(metadata, _copy)))
        {
            _source = metadata;
            return _copy;
        }

        _source = metadata;
        _copy = new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        return _copy;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool SameValues(IReadOnlyDictionary<string, string> metadata, Dictionary<string, string> copy)
    {
        if (metadata.Count != copy.Count)
        {
            return false;
        }

        // The struct enumerator when the caller gave a Dictionary: no allocation per task.
        if (metadata is Dictionary<string, string> dictionary)
        {
            foreach (var (name, value) in dictionary)
            {
                if (!Same(copy, name, value))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var (name, value) in metadata)
        {
            if (!Same(copy, name, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(Dictionary<string, string> copy, string name, string value) =>
        copy.TryGetValue(name, out var copied) && string.Equals(value, copied, StringComparison.Ordinal);
}
