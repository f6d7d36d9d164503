namespace Substra.Tools.Schema;

/// <summary>A function input as the platform sees it.</summary>
public sealed record FunctionInputSchema(string Identifier, AssetKind Kind, bool Multiple, bool Optional);

/// <summary>A function output as the platform sees it.</summary>
public sealed record FunctionOutputSchema(string Identifier, AssetKind Kind, bool Multiple);

/// <summary>
/// A function's schema, derived from its C# signature by the generator: the FunctionSpec of the reference without file paths.
/// </summary>
public sealed record FunctionSchema(
    string Name,
    IReadOnlyList<FunctionInputSchema> Inputs,
    IReadOnlyList<FunctionOutputSchema> Outputs,
    string? Description);
