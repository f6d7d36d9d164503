namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddSubstra</c>: adds named clients (one per organisation) to <see cref="Services"/>.</summary>
public interface ISubstraBuilder
{
    /// <summary>The service collection the clients are registered in.</summary>
    IServiceCollection Services { get; }
}
