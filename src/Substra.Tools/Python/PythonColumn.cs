namespace Substra.Tools.Python;

/// <summary>One column of a <see cref="PythonTable"/>.</summary>
public sealed class PythonColumn
{
    private readonly PythonVector _vector;

    internal PythonColumn(string name, PythonVector vector)
    {
        Name = name;
        this._vector = vector;
    }

    /// <summary>The column name (<c>str()</c> of the pandas label).</summary>
    public string Name { get; }

    /// <summary>How the values are stored.</summary>
    public PythonDataType DataType => _vector.DataType;

    /// <summary>The pandas dtype the opener returned (<c>int64</c>, <c>Int64</c>, <c>object</c>, <c>category</c>…).</summary>
    public string SourceDataType => _vector.SourceDataType;

    /// <summary>The number of rows.</summary>
    public int Length => _vector.Length;

    /// <summary>Whether some value is missing (NaN, None, NA or NaT in pandas).</summary>
    public bool HasMissing => _vector.HasMissing;

    /// <summary>The values as <typeparamref name="T"/>.</summary>
    /// <param name="boundTo">The member the column is bound to (for example <c>Patient.Age</c>), for messages.</param>
    /// <param name="allowMissingStrings">Whether a missing string becomes <c>null</c> rather than an error.</param>
    public T[] ToArray<T>(string? boundTo = null, bool allowMissingStrings = false) => _vector.ToArray<T>(boundTo, allowMissingStrings);

    /// <summary>
    /// The values as <typeparamref name="T"/> (double, float, long, bool or DateTime) in Arrow's layout: the values and a
    /// validity bitmap (NaN and missing values are nulls), which Microsoft.Data.Analysis columns wrap as they are.
    /// </summary>
    public PythonArrowBuffers ToArrowBuffers<T>()
        where T : unmanaged
        => _vector.ToArrowBuffers<T>(null);
}
