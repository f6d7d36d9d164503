namespace Substra.Tools;

/// <summary>
/// Declares a performance output: on the return value of a function returning <see cref="double"/>
/// (<c>Task&lt;double&gt;</c>, <c>ValueTask&lt;double&gt;</c>), or on a <see cref="PerformanceOutput"/> parameter.
/// A function returning <see cref="double"/> without this attribute has the output <c>performance</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue, AllowMultiple = false, Inherited = false)]
public sealed class PerformanceOutputAttribute(string identifier) : Attribute
{
    /// <summary>The output identifier.</summary>
    public string Identifier { get; } = identifier;
}
