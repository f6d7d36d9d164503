namespace Substra.Tools.Plans;

/// <summary>An output of a function; the concrete slot type says what it produces.</summary>
/// <param name="Identifier">The output identifier.</param>
public abstract record OutputSlot(string Identifier)
{
    /// <summary>The output identifier.</summary>
    public string Identifier { get; } = SlotIdentifier.Validate(Identifier);
}
