namespace Substra.Tools.Hosting;

/// <summary>
/// Generated in a data-provider project (named by <see cref="Metadata.SubstraOpenerMetadataAttribute"/>):
/// adds the opener's services and creates it, untyped, for the runtime.
/// </summary>
public interface IOpenerFactory
{
    /// <summary>The type that <see cref="IOpener{TData}.GetData"/> returns.</summary>
    Type DataType { get; }

    /// <summary>Adds the opener and its own services (from its project's startup, if any) to the task's container.</summary>
    void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services);

    /// <summary>Resolves the opener from the task's container and loads the given folders.</summary>
    object? GetData(IServiceProvider services, IReadOnlyList<string> folders);

    /// <summary>Resolves the opener from the task's container and makes fake samples.</summary>
    object? FakeData(IServiceProvider services, int nSamples);
}
