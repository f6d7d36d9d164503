using Substra.Tools.Hosting;

namespace Substra.Tools.Openers;

/// <summary>An opener ready for a task: its manifest and the factory it names (compiled into the app, or loaded from the artifact).</summary>
internal sealed record LoadedOpener(OpenerManifest Manifest, IOpenerFactory Factory);
