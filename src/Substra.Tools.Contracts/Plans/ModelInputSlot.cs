namespace Substra.Tools.Plans;

/// <summary>A single model input: it takes at most one parent model output.</summary>
/// <param name="Identifier">The input identifier.</param>
/// <param name="Optional">Whether a task may leave the input unset.</param>
public sealed record ModelInputSlot(string Identifier, bool Optional = false) : InputSlot(Identifier, Optional);
