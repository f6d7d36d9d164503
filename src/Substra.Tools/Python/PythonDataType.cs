namespace Substra.Tools.Python;

/// <summary>
/// How the bridge stores a column or an array that a Python opener returned. Every numpy and pandas dtype the bridge
/// accepts maps to one of these (docs/python-openers.md has the table).
/// </summary>
public enum PythonDataType
{
    /// <summary>64-bit floats (float64, Float64, longdouble); NaN is a missing value.</summary>
    Float64,

    /// <summary>32-bit floats (float32, float16, Float32); NaN is a missing value.</summary>
    Float32,

    /// <summary>Integers of any width and sign (int8…int64, uint8…uint64 within the int64 range, Int64…).</summary>
    Int64,

    /// <summary>Booleans (bool, boolean).</summary>
    Boolean,

    /// <summary>Strings (str arrays, object columns of str, string, categories of str).</summary>
    String,

    /// <summary>Timestamps (datetime64[ns] and its time-zone-aware versions, converted to UTC).</summary>
    DateTime,
}
