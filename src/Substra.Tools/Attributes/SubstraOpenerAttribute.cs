namespace Substra.Tools;

/// <summary>
/// Marks a class implementing <see cref="IOpener{TData}"/> as the opener of a data-provider project.
/// <c>dotnet build</c> turns the project into a single-file opener artifact.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SubstraOpenerAttribute : Attribute
{
    /// <summary>Creates the attribute; the opener's name defaults to the class name.</summary>
    public SubstraOpenerAttribute() { }

    /// <summary>Creates the attribute with an explicit opener name.</summary>
    public SubstraOpenerAttribute(string name) => Name = name;

    /// <summary>The opener artifact's name, without extension.</summary>
    public string? Name { get; }
}
