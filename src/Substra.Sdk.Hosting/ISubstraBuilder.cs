namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddSubstra</c>: adds named clients (one per organisation) to <see cref="Services"/>.</summary>
public interface ISubstraBuilder
{
    /// <summary>The container the clients are added to.</summary>
    IServiceCollection Services { get; }
}
