using System.Globalization;

namespace Substra.Tools.Python;

/// <summary>
/// The values of one column or array as the bridge stored them (flat, row-major), and their conversion to the .NET element
/// type a function asks for. Conversions widen numbers and refuse anything that would lose meaning; an array that needs no
/// conversion is handed over, not copied.
/// </summary>
internal sealed class PythonVector
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    public PythonVector(PythonDataType dataType, string sourceDataType, Array data, bool[]? missing, bool utc, string where, string positionName)
    {
        DataType = dataType;
        SourceDataType = sourceDataType;
        Data = data;
        Missing = missing;
        Utc = utc;
        Where = where;
        PositionName = positionName;
    }

    public PythonDataType DataType { get; }

    /// <summary>The numpy or pandas dtype the opener returned, for messages (<c>Int64</c>, <c>object</c>, <c>category</c>…).</summary>
    public string SourceDataType { get; }

    /// <summary><c>double[]</c>, <c>float[]</c>, <c>long[]</c> (integers and nanoseconds since 1970 for timestamps), <c>bool[]</c> or <c>string?[]</c>.</summary>
    public Array Data { get; }

    /// <summary>True where pandas saw a missing value (for integers, booleans and timestamps); floats use NaN, strings null.</summary>
    public bool[]? Missing { get; }

    public bool Utc { get; }

    public string Where { get; }

    /// <summary>"row" for a column, "index" for an array: how a position is named in messages.</summary>
    public string PositionName { get; }

    public int Length => Data.Length;

    public bool HasMissing => DataType switch
    {
        PythonDataType.Float64 => Array.Exists((double[])Data, double.IsNaN),
        PythonDataType.Float32 => Array.Exists((float[])Data, float.IsNaN),
        PythonDataType.String => Array.Exists((string?[])Data, value => value is null),
        _ => Missing is not null && Array.IndexOf(Missing, true) >= 0,
    };

    /// <summary>The element type name a Python dtype is described with in messages.</summary>
    public string Description => DataType switch
    {
        PythonDataType.Float64 => "64-bit floats",
        PythonDataType.Float32 => "32-bit floats",
        PythonDataType.Int64 => "integers",
        PythonDataType.Boolean => "booleans",
        PythonDataType.String => "strings",
        _ => "timestamps",
    };

    /// <summary>The values as <typeparamref name="T"/>; <paramref name="boundTo"/> names the member they go to, for messages.</summary>
    public T[] ToArray<T>(string? boundTo, bool allowMissingStrings)
    {
        object result =
            typeof(T) == typeof(double) ? Float64Values(boundTo, typeof(T))
            : typeof(T) == typeof(float) ? Float32Values(boundTo, typeof(T))
            : typeof(T) == typeof(long) ? Required(Int64Values(boundTo, typeof(T)), boundTo, typeof(T))
            : typeof(T) == typeof(int) ? Required(Int32Values(boundTo, typeof(T)), boundTo, typeof(T))
            : typeof(T) == typeof(bool) ? Required(BooleanValues(boundTo, typeof(T)), boundTo, typeof(T))
            : typeof(T) == typeof(DateTime) ? Required(DateTimeValues(boundTo, typeof(T)), boundTo, typeof(T))
            : typeof(T) == typeof(string) ? StringValues(boundTo, allowMissingStrings)
            : typeof(T) == typeof(double?) ? Masked(Float64Values(boundTo, typeof(T)), double.IsNaN)
            : typeof(T) == typeof(float?) ? Masked(Float32Values(boundTo, typeof(T)), float.IsNaN)
            : typeof(T) == typeof(long?) ? Masked(Int64Values(boundTo, typeof(T)), null)
            : typeof(T) == typeof(int?) ? Masked(Int32Values(boundTo, typeof(T)), null)
            : typeof(T) == typeof(bool?) ? Masked(BooleanValues(boundTo, typeof(T)), null)
            : typeof(T) == typeof(DateTime?) ? Masked(DateTimeValues(boundTo, typeof(T)), null)
            : throw new NotSupportedException(
                $"{TypeNames.Of(typeof(T))} is not an element type the Python bridge produces: use double, float, long, int, bool, string or DateTime, or their nullable versions.");
        return (T[])result;
    }

    /// <summary>
    /// The values as <typeparamref name="T"/> (double, float, long, bool or DateTime) with a validity bitmap (bit set:
    /// present), missing values left as they are stored: the layout DataFrame columns wrap without appending one by one.
    /// </summary>
    public PythonArrowBuffers ToArrowBuffers<T>(string? boundTo)
        where T : unmanaged
    {
        Array values =
            typeof(T) == typeof(double) ? Float64Values(boundTo, typeof(T))
            : typeof(T) == typeof(float) ? Float32Values(boundTo, typeof(T))
            : typeof(T) == typeof(long) ? Int64Values(boundTo, typeof(T))
            : typeof(T) == typeof(bool) ? BooleanValues(boundTo, typeof(T))
            : typeof(T) == typeof(DateTime) ? DateTimeValues(boundTo, typeof(T))
            : throw new NotSupportedException($"{TypeNames.Of(typeof(T))} has no Arrow buffer layout here: use double, float, long, bool or DateTime.");
        var typed = (T[])values;
        var validity = new byte[(typed.Length + 7) / 8];
        var nullCount = 0;
        for (var i = 0; i < typed.Length; i++)
        {
            var missing = Missing?[i] == true
                || (values is double[] doubles && double.IsNaN(doubles[i]))
                || (values is float[] floats && float.IsNaN(floats[i]));
            if (missing)
            {
                nullCount++;
            }
            else
            {
                validity[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(typed.AsSpan()).ToArray();
        return new PythonArrowBuffers(bytes, validity, typed.Length, nullCount);
    }

    private double[] Float64Values(string? boundTo, Type target)
    {
        switch (DataType)
        {
            case PythonDataType.Float64:
                return (double[])Data;
            case PythonDataType.Float32:
                return Array.ConvertAll((float[])Data, value => (double)value);
            case PythonDataType.Int64:
                var integers = (long[])Data;
                var doubles = new double[integers.Length];
                for (var i = 0; i < doubles.Length; i++)
                {
                    doubles[i] = Missing?[i] == true ? double.NaN : integers[i];
                }

                return doubles;
            default:
                throw Mismatch(target, boundTo);
        }
    }

    private float[] Float32Values(string? boundTo, Type target)
    {
        switch (DataType)
        {
            case PythonDataType.Float32:
                return (float[])Data;
            case PythonDataType.Float64:
                return Array.ConvertAll((double[])Data, value => (float)value);
            case PythonDataType.Int64:
                var integers = (long[])Data;
                var floats = new float[integers.Length];
                for (var i = 0; i < floats.Length; i++)
                {
                    floats[i] = Missing?[i] == true ? float.NaN : integers[i];
                }

                return floats;
            default:
                throw Mismatch(target, boundTo);
        }
    }

    private long[] Int64Values(string? boundTo, Type target)
        => DataType == PythonDataType.Int64 ? (long[])Data : throw Mismatch(target, boundTo);

    private int[] Int32Values(string? boundTo, Type target)
    {
        var integers = Int64Values(boundTo, target);
        var result = new int[integers.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var value = integers[i];
            if (value is < int.MinValue or > int.MaxValue && Missing?[i] != true)
            {
                throw new PythonDataException(
                    $"{Where} has the value {value.ToString(CultureInfo.InvariantCulture)} at {PositionName} {i}, which does not fit in {TypeNames.Of(target)}{For(boundTo)}: use long.");
            }

            result[i] = (int)value;
        }

        return result;
    }

    private bool[] BooleanValues(string? boundTo, Type target)
        => DataType == PythonDataType.Boolean ? (bool[])Data : throw Mismatch(target, boundTo);

    private DateTime[] DateTimeValues(string? boundTo, Type target)
    {
        if (DataType != PythonDataType.DateTime)
        {
            throw Mismatch(target, boundTo);
        }

        var nanoseconds = (long[])Data;
        var kind = Utc ? DateTimeKind.Utc : DateTimeKind.Unspecified;
        var result = new DateTime[nanoseconds.Length];
        for (var i = 0; i < result.Length; i++)
        {
            if (Missing?[i] != true)
            {
                result[i] = new DateTime(UnixEpochTicks + (nanoseconds[i] / 100), kind);
            }
        }

        return result;
    }

    private string?[] StringValues(string? boundTo, bool allowMissing)
    {
        if (DataType != PythonDataType.String)
        {
            throw Mismatch(typeof(string), boundTo);
        }

        var strings = (string?[])Data;
        if (!allowMissing)
        {
            var missing = Array.IndexOf(strings, null);
            if (missing >= 0)
            {
                throw new PythonDataException(
                    $"{Where} has a missing value (None) at {PositionName} {missing}, which string{For(boundTo)} does not accept: declare it string? to accept missing values, or fill them in the opener (fillna).");
            }
        }

        return strings;
    }

    private TValue[] Required<TValue>(TValue[] values, string? boundTo, Type target)
    {
        if (Missing is not null)
        {
            var missing = Array.IndexOf(Missing, true);
            if (missing >= 0)
            {
                throw new PythonDataException(
                    $"{Where} has a missing value at {PositionName} {missing}, which {TypeNames.Of(target)}{For(boundTo)} cannot hold: declare it {TypeNames.Of(target)}? to accept missing values, or fill them in the opener (fillna).");
            }
        }

        return values;
    }

    private TValue?[] Masked<TValue>(TValue[] values, Func<TValue, bool>? isMissing)
        where TValue : struct
    {
        var result = new TValue?[values.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var value = values[i];
            result[i] = Missing?[i] == true || (isMissing is not null && isMissing(value)) ? null : value;
        }

        return result;
    }

    private PythonDataException Mismatch(Type target, string? boundTo)
        => new($"{Where} holds {Description} (dtype {SourceDataType}), which cannot be read as {TypeNames.Of(target)}{For(boundTo)}: "
            + $"declare it as {Suggestion()}, or convert it in the opener.");

    private string Suggestion() => DataType switch
    {
        PythonDataType.Float64 or PythonDataType.Float32 => "double or float",
        PythonDataType.Int64 => "long, int, double or float",
        PythonDataType.Boolean => "bool",
        PythonDataType.String => "string",
        _ => "DateTime",
    };

    private static string For(string? boundTo) => boundTo is null ? string.Empty : $" ({boundTo})";
}
