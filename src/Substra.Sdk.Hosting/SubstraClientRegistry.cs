namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The client names added to the container; one instance per service collection (also the AddSubstra marker).</summary>
internal sealed class SubstraClientRegistry
{
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public void Add(string name)
    {
        lock (gate)
        {
            names.Add(name);
        }
    }

    public bool Contains(string name)
    {
        lock (gate)
        {
            return names.Contains(name);
        }
    }

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (gate)
            {
                return names.Order(StringComparer.Ordinal).ToList();
            }
        }
    }
}
