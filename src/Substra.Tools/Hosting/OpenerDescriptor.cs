namespace Substra.Tools.Hosting;

/// <summary>
/// An opener compiled into the function app: the generated factory of a data-provider project the function project
/// references. A task whose opener artifact names this assembly and factory runs this code instead of loading the
/// artifact's assemblies, which is how a native (NativeAOT) function, which cannot load assemblies, uses .NET openers.
/// The generated entry point lists them; nothing is found by reflection.
/// </summary>
/// <param name="AssemblyName">The simple name of the opener's assembly (the artifact manifest's <c>assembly</c> without <c>.dll</c>).</param>
/// <param name="FactoryTypeName">The full metadata name of the factory (the manifest's <c>factory</c>).</param>
/// <param name="CreateFactory">Creates the factory.</param>
public sealed record OpenerDescriptor(string AssemblyName, string FactoryTypeName, Func<IOpenerFactory> CreateFactory)
{
    /// <summary>Whether the artifact's manifest names this opener.</summary>
    internal bool Matches(Openers.OpenerManifest manifest)
        => string.Equals(AssemblyName, Path.GetFileNameWithoutExtension(manifest.Assembly), StringComparison.OrdinalIgnoreCase)
            && string.Equals(FactoryTypeName, manifest.Factory, StringComparison.Ordinal);
}
