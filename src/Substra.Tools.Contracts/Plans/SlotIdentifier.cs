namespace Substra.Tools.Plans;

/// <summary>Checks slot identifiers; generated handles always pass, hand-written ones get a clear error.</summary>
internal static class SlotIdentifier
{
    public static string Validate(string identifier)
    {
        if (string.IsNullOrWhiteSpace(identifier))
        {
            throw new ArgumentException("A slot identifier must be a non-empty function input or output identifier.", nameof(identifier));
        }

        return identifier;
    }
}
