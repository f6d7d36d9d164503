namespace Substra.Tools.Plans;

/// <summary>A model output (<c>ASSET_MODEL</c>): it can feed model inputs of later tasks.</summary>
/// <param name="Identifier">The output identifier.</param>
public sealed record ModelOutputSlot(string Identifier) : OutputSlot(Identifier);
