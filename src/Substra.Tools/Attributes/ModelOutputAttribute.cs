namespace Substra.Tools;

/// <summary>
/// Binds a parameter to a model output. Supported types: <see cref="string"/> (the path to write) and
/// <see cref="Stream"/> (a new file opened for writing, flushed and closed by the runtime).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ModelOutputAttribute(string identifier) : Attribute
{
    /// <summary>The output identifier.</summary>
    public string Identifier { get; } = identifier;
}
