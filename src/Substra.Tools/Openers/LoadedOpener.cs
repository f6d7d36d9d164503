using Substra.Tools.Hosting;

namespace Substra.Tools.Openers;

/// <summary>An opener artifact loaded into the process: its manifest and the factory it names.</summary>
internal sealed record LoadedOpener(OpenerManifest Manifest, IOpenerFactory Factory, string Directory);
