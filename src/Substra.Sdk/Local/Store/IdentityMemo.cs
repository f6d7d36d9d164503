using System.Runtime.CompilerServices;

namespace Substra.Sdk.Local.Store;

/// <summary>
/// A value computed once per object instance (a dictionary the tasks of a plan share, say): the recent instances are
/// answered by <see cref="RecentByIdentity{TKey, TValue}"/>, the others by a dictionary on reference equality.
/// </summary>
internal sealed class IdentityMemo<TKey, TValue>(Func<TKey, TValue> create)
    where TKey : class
{
    private readonly RecentByIdentity<TKey, TValue> _recent = new();
    private readonly Dictionary<TKey, TValue> _all = new(ReferenceEqualityComparer.Instance);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TValue Get(TKey key)
    {
        if (!_recent.TryGet(key, out var value))
        {
            if (!_all.TryGetValue(key, out value))
            {
                _all[key] = value = create(key);
            }

            _recent.Set(key, value);
        }

        return value;
    }
}
