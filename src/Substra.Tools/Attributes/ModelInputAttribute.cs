namespace Substra.Tools;

/// <summary>
/// Binds a parameter to a model input. Supported types: <see cref="string"/> (a path), <see cref="Stream"/> (opened for
/// reading), and <c>IReadOnlyList&lt;string&gt;</c> / <c>IReadOnlyList&lt;Stream&gt;</c> for a multiple input.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ModelInputAttribute(string identifier) : Attribute
{
    /// <summary>The input identifier.</summary>
    public string Identifier { get; } = identifier;

    /// <summary>Whether a task may leave the input unset; the parameter then receives <c>null</c> (or an empty list).</summary>
    public bool Optional { get; set; }
}
