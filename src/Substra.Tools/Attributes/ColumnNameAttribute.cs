namespace Substra.Tools;

/// <summary>
/// Names the DataFrame column a record property or constructor parameter is read from, when a Python opener's column is
/// not named like it (for example <c>[ColumnName("sepal length (cm)")]</c>). Without it, the column named like the member
/// is used, compared exactly, then ignoring case, <c>_</c>, <c>-</c> and spaces.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ColumnNameAttribute(string name) : Attribute
{
    /// <summary>The column name, exactly as pandas has it.</summary>
    public string Name { get; } = name;
}
