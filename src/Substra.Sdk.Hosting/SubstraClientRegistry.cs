namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The client names added to the container; one instance per service collection (also the AddSubstra marker).</summary>
internal sealed class SubstraClientRegistry
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Add(string name)
    {
        lock (_gate)
        {
            _names.Add(name);
        }
    }

    public bool Contains(string name)
    {
        lock (_gate)
        {
            return _names.Contains(name);
        }
    }

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_gate)
            {
                return _names.Order(StringComparer.Ordinal).ToList();
            }
        }
    }
}
