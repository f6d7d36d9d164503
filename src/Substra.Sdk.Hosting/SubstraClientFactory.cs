using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Substra.Sdk;
using Substra.Sdk.Configuration;
using Substra.Sdk.Exceptions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Creates each named client once, lazily, from its named <see cref="SubstraClientOptions"/>; the client then resolves
/// what the options leave unset from the environment and the YAML file of the reference configuration, and sends its
/// remote requests through its named <c>IHttpClientFactory</c> client. The container disposes this factory, which
/// disposes the clients it created.
/// </summary>
internal sealed class SubstraClientFactory(
    SubstraClientRegistry registry,
    IOptionsMonitor<SubstraClientOptions> options,
    IHttpClientFactory httpClients) : ISubstraClientFactory, IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<SubstraClient>> _clients = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    public SubstraClient CreateClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!registry.Contains(name))
        {
            string known = registry.Names.Count == 0 ? "none" : string.Join(", ", registry.Names.Select(n => n.Length == 0 ? "(default)" : $"'{n}'"));
            string shown = name.Length == 0 ? "The default Substra client" : $"No Substra client named '{name}'";
            throw new InvalidOperationException(
                $"{shown} was added to the container (added: {known}). "
                + (name.Length == 0
                    ? "Add it with services.AddSubstra(options => …)."
                    : $"Add it with services.AddSubstra().AddClient(\"{name}\", …) or from a configuration section with AddClients(configuration)."));
        }

        return _clients.GetOrAdd(name, n => new Lazy<SubstraClient>(() => Create(n), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (Lazy<SubstraClient> client in _clients.Values.Where(c => c.IsValueCreated))
        {
            await client.Value.DisposeAsync().ConfigureAwait(false);
        }

        _clients.Clear();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    // The options' post-configuration (added with the client) set its name and the container's logger factory.
    private SubstraClient Create(string name)
    {
        SubstraClientOptions clientOptions;
        try
        {
            clientOptions = options.Get(name);
        }
        catch (OptionsValidationException invalid) when (invalid.OptionsType == typeof(SubstraClientOptions))
        {
            // The validator's failures are configuration errors: the SDK's exception, as without dependency injection.
            throw new BadConfigurationException(string.Join(" ", invalid.Failures), invalid);
        }

        // Remote requests go through the client's named HttpClient (AddClient registered it).
        string httpClientName = SubstraServiceCollectionExtensions.HttpClientName(name);
        return new SubstraClient(clientOptions, ClientConfigurationResolver.Resolve(clientOptions), () => httpClients.CreateClient(httpClientName));
    }
}
