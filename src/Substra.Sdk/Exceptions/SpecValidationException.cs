namespace Substra.Sdk.Exceptions;

/// <summary>
/// A spec broke one of its rules (the reference raises pydantic's ValidationError, a ValueError). The message says which
/// rule and how to fix the spec; <see cref="ArgumentException.ParamName"/> names the field.
/// </summary>
public sealed class SpecValidationException(string message, string? paramName = null) : ArgumentException(message, paramName)
{
    // The reference's messages, without ArgumentException's "(Parameter …)" suffix.
    /// <summary>What is wrong with the spec and how to fix it.</summary>
    public override string Message { get; } = message;
}
