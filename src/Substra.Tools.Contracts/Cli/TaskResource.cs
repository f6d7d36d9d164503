namespace Substra.Tools.Cli;

/// <summary>One item of <c>--inputs</c> or <c>--outputs</c>: <c>{"id": …, "value": …, "multiple": …}</c>.</summary>
/// <param name="Id">The input or output identifier (<c>opener</c>, <c>datasamples</c> and <c>chainkeys</c> are reserved).</param>
/// <param name="Value">The path.</param>
/// <param name="Multiple">Whether the identifier may appear several times.</param>
internal sealed record TaskResource(string Id, string Value, bool Multiple);
