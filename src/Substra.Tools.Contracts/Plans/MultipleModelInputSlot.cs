namespace Substra.Tools.Plans;

/// <summary>A multiple model input: it takes any number of parent model outputs, in order.</summary>
/// <param name="Identifier">The input identifier.</param>
/// <param name="Optional">Whether a task may leave the input empty.</param>
public sealed record MultipleModelInputSlot(string Identifier, bool Optional = false) : InputSlot(Identifier, Optional);
