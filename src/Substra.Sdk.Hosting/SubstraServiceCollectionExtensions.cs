using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Substra.Sdk;
using Substra.Sdk.Configuration;
using Substra.Sdk.Remote;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds Substra clients to a container. Every registration uses <c>TryAdd*</c>, so calling these methods again (from
/// several libraries or tests) is safe; clients are created on first use and disposed with the container.
/// </summary>
public static class SubstraServiceCollectionExtensions
{
    /// <summary>Adds the client factory (<see cref="ISubstraClientFactory"/>); add clients on the returned builder.</summary>
    public static ISubstraBuilder AddSubstra(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        GetOrAddRegistry(services);
        services.TryAddSingleton<SubstraClientFactory>();
        services.TryAddSingleton<ISubstraClientFactory>(sp => sp.GetRequiredService<SubstraClientFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SubstraClientOptions>, SubstraClientOptionsValidator>());

        // The unnamed client, for applications with a single organisation: inject SubstraClient directly.
        services.TryAddSingleton(sp => sp.GetRequiredService<ISubstraClientFactory>().CreateClient(Options.Options.DefaultName));
        return new SubstraBuilder(services);
    }

    /// <summary>Adds the default client (<c>SubstraClient</c> in constructors) configured in code.</summary>
    public static ISubstraBuilder AddSubstra(this IServiceCollection services, Action<SubstraClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddSubstra().AddClient(Options.Options.DefaultName, configure);
    }

    /// <summary>
    /// Adds a client named <paramref name="name"/> (e.g. an organisation). Its options are, by increasing precedence:
    /// the reference's defaults, its YAML configuration file entry <paramref name="name"/>, the environment variables
    /// <c>SUBSTRA_{NAME}_*</c>, then whatever <paramref name="configure"/> and configuration sections set (code values).
    /// </summary>
    public static ISubstraBuilder AddClient(this ISubstraBuilder builder, string name, Action<SubstraClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        SubstraClientRegistry registry = GetOrAddRegistry(builder.Services);
        if (!registry.Contains(name))
        {
            registry.Add(name);
            AddHttpClient(builder.Services, name);
            // Validated when a host starts (a bad section, file or variable stops it there) and whenever the options are built.
            builder.Services.AddOptions<SubstraClientOptions>(name).PostConfigure<IServiceProvider>((options, services) =>
            {
                // The name selects the SUBSTRA_{NAME}_* variables and the YAML entry, unless the options name another.
                options.ClientName ??= name.Length == 0 ? null : name;
                options.LoggerFactory ??= services.GetService<ILoggerFactory>();
            }).ValidateOnStart();
        }

        if (configure is not null)
        {
            builder.Services.Configure(name, configure);
        }

        return builder;
    }

    /// <summary>
    /// Adds a client named <paramref name="name"/> whose options come from a configuration section (appsettings
    /// <c>"Substra:Clients:org-1"</c>), with the keys of the options (<c>Url</c>, <c>BackendType</c>…) or of the
    /// reference's YAML (<c>url</c>, <c>backend_type</c>, <c>retry_timeout</c> in seconds…).
    /// </summary>
    public static ISubstraBuilder AddClient(this ISubstraBuilder builder, string name, IConfiguration section, Action<SubstraClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        builder.AddClient(name);
        builder.Services.Configure<SubstraClientOptions>(name, options => SubstraConfigurationBinder.Bind(section, options, Describe(section)));
        return configure is null ? builder : builder.AddClient(name, configure);
    }

    /// <summary>Adds one client per child of <paramref name="clientsSection"/> (e.g. <c>"Substra:Clients"</c>), named by its key.</summary>
    public static ISubstraBuilder AddClients(this ISubstraBuilder builder, IConfiguration clientsSection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(clientsSection);
        foreach (IConfigurationSection client in clientsSection.GetChildren())
        {
            builder.AddClient(client.Key, client);
        }

        return builder;
    }

    /// <summary>
    /// The name of the <c>IHttpClientFactory</c> client that the Substra client <paramref name="clientName"/> sends its
    /// requests with; <c>services.AddHttpClient(SubstraServiceCollectionExtensions.HttpClientName("org-1"))</c> gives its
    /// builder, to add message handlers (a proxy, headers, instrumentation).
    /// </summary>
    public static string HttpClientName(string clientName)
    {
        ArgumentNullException.ThrowIfNull(clientName);
        return clientName.Length == 0 ? "Substra" : $"Substra:{clientName}";
    }

    // The named HttpClient of a Substra client: TLS checked unless the client's resolved configuration says insecure,
    // and no HttpClient.Timeout of its own (the remote backend applies its per-try, total and stall limits).
    private static void AddHttpClient(IServiceCollection services, string name) =>
        services.AddHttpClient(HttpClientName(name))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                SubstraClientOptions options = provider.GetRequiredService<IOptionsMonitor<SubstraClientOptions>>().Get(name);
                return RemoteHttp.CreatePrimaryHandler(ClientConfigurationResolver.Resolve(options).Insecure);
            });

    private static SubstraClientRegistry GetOrAddRegistry(IServiceCollection services)
    {
        // The registry is both the marker of AddSubstra and the list of names; it lives as an instance in the collection.
        foreach (ServiceDescriptor descriptor in services)
        {
            if (descriptor.ServiceType == typeof(SubstraClientRegistry) && descriptor.ImplementationInstance is SubstraClientRegistry existing)
            {
                return existing;
            }
        }

        var registry = new SubstraClientRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    private static string Describe(IConfiguration section) => section is IConfigurationSection named ? $"configuration section '{named.Path}'" : "configuration";
}
