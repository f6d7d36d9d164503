using Microsoft.Extensions.DependencyInjection;

namespace Substra.Tools;

/// <summary>Adds the services that functions and openers receive by constructor injection.</summary>
public interface ISubstraStartup
{
    /// <summary>Adds services to the in-task container.</summary>
    void ConfigureServices(IServiceCollection services);
}
