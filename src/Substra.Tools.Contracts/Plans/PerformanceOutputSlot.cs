namespace Substra.Tools.Plans;

/// <summary>
/// A performance output (<c>ASSET_PERFORMANCE</c>): recorded by the platform, never an input of another task,
/// which is why it is a distinct type from <see cref="ModelOutputSlot"/>.
/// </summary>
/// <param name="Identifier">The output identifier.</param>
public sealed record PerformanceOutputSlot(string Identifier) : OutputSlot(Identifier);
