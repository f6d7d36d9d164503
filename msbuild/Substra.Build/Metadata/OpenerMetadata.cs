namespace Substra.Build.Metadata;

/// <summary>The <c>[assembly: SubstraOpenerMetadata(name, typeof(factory), description)]</c> read from a compiled assembly.</summary>
/// <param name="FactoryTypeName">Full name of the factory type as the runtime's <c>Assembly.GetType</c> expects it (nested types with <c>+</c>).</param>
internal sealed record OpenerMetadata(string Name, string FactoryTypeName, string? Description);
