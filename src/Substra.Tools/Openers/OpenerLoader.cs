using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using Substra.Tools.Hosting;

namespace Substra.Tools.Openers;

/// <summary>
/// Loads an opener artifact at task time. An opener compiled into the app (listed by the generated entry point) runs as
/// is. Otherwise the artifact is extracted once into a cache folder keyed by its SHA-256 (under the system temp folder),
/// its assemblies are loaded into the default load context, preferring assemblies the function already has so that
/// shared data-contract types are the same types, and the factory its manifest names is created. A native app cannot
/// load assemblies: there, only compiled-in openers run.
/// </summary>
internal static class OpenerLoader
{
    private static readonly Lock ResolverLock = new();
    private static readonly HashSet<string> ResolverDirectories = new(StringComparer.Ordinal);

    /// <summary>The folder under which artifacts are extracted (<c>&lt;temp&gt;/substra-openers</c>).</summary>
    public static string CacheRoot => Path.Combine(Path.GetTempPath(), "substra-openers");

    public static LoadedOpener Load(string artifactPath, IReadOnlyList<OpenerDescriptor> compiledOpeners)
    {
        OpenerArtifact.EnsureArtifact(artifactPath);
        var manifest = OpenerArtifact.ReadManifest(artifactPath);
        foreach (var compiled in compiledOpeners)
        {
            if (compiled.Matches(manifest))
            {
                return new LoadedOpener(manifest, compiled.CreateFactory());
            }
        }

        if (!OpenerAssemblyLoading.IsSupported)
        {
            var known = compiledOpeners.Count == 0
                ? "it has none"
                : "it has " + string.Join(", ", compiledOpeners.Select(opener => $"{opener.FactoryTypeName} ({opener.AssemblyName})"));
            throw new OpenerArtifactException(
                $"The opener '{manifest.Name}' ('{artifactPath}', factory {manifest.Factory} in {manifest.Assembly}) is not compiled into this native (NativeAOT) function, " +
                $"which cannot load assemblies ({known}). Reference the opener's project or package from the function project and rebuild, " +
                "or build the function archive without native AOT (SubstraNativeAot=false).");
        }

        return LoadFromArtifact(artifactPath, manifest);
    }

    [RequiresUnreferencedCode("Loads the opener's assemblies from its artifact.")]
    [RequiresDynamicCode("Loads the opener's assemblies from its artifact.")]
    private static LoadedOpener LoadFromArtifact(string artifactPath, OpenerManifest manifest)
    {
        string hash;
        using (var stream = File.OpenRead(artifactPath))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        var directory = Path.Combine(CacheRoot, hash);
        if (!Directory.Exists(directory))
        {
            Extract(artifactPath, directory);
        }

        AddResolver(directory);
        var assemblyName = new AssemblyName(Path.GetFileNameWithoutExtension(manifest.Assembly));
        Assembly assembly;
        try
        {
            assembly = AssemblyLoadContext.Default.LoadFromAssemblyName(assemblyName);
        }
        catch (Exception exception) when (exception is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new OpenerArtifactException(
                $"The opener '{manifest.Name}' ('{artifactPath}') has an assembly '{manifest.Assembly}' that cannot be loaded: {exception.Message}", exception);
        }

        var factoryType = assembly.GetType(manifest.Factory, throwOnError: false)
            ?? throw new OpenerArtifactException(
                $"The opener '{manifest.Name}' ('{artifactPath}') names the factory '{manifest.Factory}', which is not a type of {assembly.GetName().Name}.");
        if (!typeof(IOpenerFactory).IsAssignableFrom(factoryType))
        {
            throw new OpenerArtifactException(
                $"The opener factory '{manifest.Factory}' does not implement {typeof(IOpenerFactory).FullName} of this runtime: build the opener against the same Substra.Tools as the function.");
        }

        // The one reflection call of the runtime: the manifest names the generated factory, nothing is scanned.
        var factory = (IOpenerFactory)Activator.CreateInstance(factoryType)!;
        return new LoadedOpener(manifest, factory);
    }

    /// <summary>Extracts into a temporary sibling folder, then renames it, so that parallel tasks never see half a folder.</summary>
    private static void Extract(string artifactPath, string directory)
    {
        Directory.CreateDirectory(CacheRoot);
        var temporary = directory + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            ZipFile.ExtractToDirectory(artifactPath, temporary);
            Directory.Move(temporary, directory);
        }
        catch (IOException) when (Directory.Exists(directory))
        {
            // Another task extracted the same artifact first.
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    [RequiresUnreferencedCode("Loads assemblies from the artifact's folder.")]
    private static void AddResolver(string directory)
    {
        lock (ResolverLock)
        {
            if (!ResolverDirectories.Add(directory))
            {
                return;
            }
        }

        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            // An assembly already in the process wins (loaded from elsewhere by the function), so types unify.
            foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (string.Equals(loaded.GetName().Name, name.Name, StringComparison.OrdinalIgnoreCase))
                {
                    return loaded;
                }
            }

            var candidate = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };

        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, libraryName) =>
        {
            foreach (var fileName in NativeFileNames(libraryName))
            {
                var candidate = Path.Combine(directory, fileName);
                if (File.Exists(candidate))
                {
                    return NativeLibrary.Load(candidate);
                }
            }

            return IntPtr.Zero;
        };
    }

    private static IEnumerable<string> NativeFileNames(string libraryName)
    {
        yield return libraryName;
        yield return libraryName + ".so";
        yield return "lib" + libraryName + ".so";
        yield return libraryName + ".dylib";
        yield return "lib" + libraryName + ".dylib";
        yield return libraryName + ".dll";
    }
}
