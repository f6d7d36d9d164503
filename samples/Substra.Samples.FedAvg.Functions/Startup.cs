using Microsoft.Extensions.DependencyInjection;
using Substra.Samples.FedAvg.Model;
using Substra.Tools;

namespace Substra.Samples.FedAvg.Functions;

/// <summary>Registers what the functions get by constructor injection.</summary>
[SubstraStartup]
public sealed class Startup : ISubstraStartup
{
    public void ConfigureServices(IServiceCollection services) => services.AddSingleton(FedAvgSettings.Training);
}
