namespace Substra.Tools.Plans;

/// <summary>A model input of a function; the concrete slot type says how many parent outputs it takes.</summary>
/// <param name="Identifier">The input identifier.</param>
/// <param name="Optional">Whether a task may leave the input unset.</param>
public abstract record InputSlot(string Identifier, bool Optional)
{
    /// <summary>The input identifier.</summary>
    public string Identifier { get; } = SlotIdentifier.Validate(Identifier);
}
