using System.Diagnostics.CodeAnalysis;

namespace Substra.Tools.Openers;

/// <summary>
/// Whether the runtime may load an opener's assemblies from its artifact. Off in native (NativeAOT) apps, which cannot
/// load assemblies: the Substra build sets the switch to false when it publishes with PublishAot, so the trimmer removes
/// the loading code and only openers compiled into the app can run.
/// </summary>
internal static class OpenerAssemblyLoading
{
    public const string SwitchName = "Substra.Tools.Openers.IsAssemblyLoadingSupported";

    // A feature switch, not a check the analyzer can follow (IL4000): the build sets it to false for trimmed apps,
    // and the trimmer then removes what it guards.
#pragma warning disable IL4000
    [FeatureSwitchDefinition(SwitchName)]
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
    [FeatureGuard(typeof(RequiresDynamicCodeAttribute))]
    public static bool IsSupported => !AppContext.TryGetSwitch(SwitchName, out var enabled) || enabled;
#pragma warning restore IL4000
}
