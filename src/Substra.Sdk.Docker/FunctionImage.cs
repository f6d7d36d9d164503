namespace Substra.Sdk.Docker;

/// <summary>A function's image as the engine described it when it was found or built.</summary>
/// <param name="Tag"><c>function-&lt;archive sha256&gt;</c>.</param>
/// <param name="Id">The engine's image id.</param>
/// <param name="User">The image's <c>USER</c> (empty or null: root).</param>
internal sealed record FunctionImage(string Tag, string Id, string? User);
