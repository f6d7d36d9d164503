using Substra.Sdk;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Gives the client of an organisation by name, like <c>IHttpClientFactory</c>. Each name has one client, created on
/// first use from its options and disposed with the container.
/// </summary>
public interface ISubstraClientFactory
{
    /// <summary>The client added as <paramref name="name"/>; <see cref="Microsoft.Extensions.Options.Options.DefaultName"/> (<c>""</c>) is the default client.</summary>
    /// <exception cref="InvalidOperationException">No client of that name was added.</exception>
    SubstraClient CreateClient(string name);
}
