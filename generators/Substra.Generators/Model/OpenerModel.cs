namespace Substra.Generators.Model;

/// <summary>A valid <c>[SubstraOpener]</c> class: the artifact name, the class, and the <c>TData</c> of its <c>IOpener&lt;TData&gt;</c> (without nullable annotations: it goes into <c>typeof</c>).</summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record OpenerModel(string Name, string TypeName, string DataTypeName, string? Description);
