using System.Runtime.CompilerServices;

namespace Substra.Sdk.Local.Store;

/// <summary>
/// A small direct-mapped table of values recently computed for key instances: the tasks of a plan repeat the same key,
/// identifier and dictionary objects, and this answers them with one identity hash instead of hashing their contents (or
/// an interface call through a dictionary comparer). A key seen again as another instance, or pushed out by a colliding
/// one, is just computed again, so callers keep their own exact lookup behind it.
/// </summary>
internal sealed class RecentByIdentity<TKey, TValue>
    where TKey : class
{
    private const int Slots = 64;

    private readonly TKey?[] _keys = new TKey?[Slots];
    private readonly TValue[] _values = new TValue[Slots];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(TKey key, out TValue value)
    {
        var slot = RuntimeHelpers.GetHashCode(key) & (Slots - 1);
        if (ReferenceEquals(_keys[slot], key))
        {
            value = _values[slot];
            return true;
        }

        value = default!;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(TKey key, TValue value)
    {
        var slot = RuntimeHelpers.GetHashCode(key) & (Slots - 1);
        _keys[slot] = key;
        _values[slot] = value;
    }
}
