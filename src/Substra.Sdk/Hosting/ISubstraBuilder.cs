namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddSubstra</c>: adds named clients (one per organisation) to <see cref="Services"/>.</summary>
public interface ISubstraBuilder
{
    IServiceCollection Services { get; }
}
