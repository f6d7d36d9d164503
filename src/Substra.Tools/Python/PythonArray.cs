using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Substra.Tools.Python;

/// <summary>A numpy array or a pandas Series returned by a Python opener (row-major values).</summary>
public sealed class PythonArray : PythonValue
{
    private readonly PythonVector _vector;

    internal PythonArray(string pythonType, string where, IReadOnlyList<int> shape, string? name, PythonVector vector)
        : base(pythonType, where)
    {
        Shape = shape;
        Name = name;
        this._vector = vector;
    }

    /// <summary>The numpy shape.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The Series name, or <c>null</c>.</summary>
    public string? Name { get; }

    /// <summary>How the values are stored.</summary>
    public PythonDataType DataType => _vector.DataType;

    /// <summary>The numpy or pandas dtype the opener returned.</summary>
    public string SourceDataType => _vector.SourceDataType;

    /// <inheritdoc />
    public override string Description
        => $"a {PythonType} of shape {ShapeText(Shape)} and dtype {_vector.SourceDataType}";

    /// <inheritdoc />
    public override T[] ToArray<T>(bool allowMissingStrings = false)
    {
        RequireDimensions(1, $"{TypeNames.Of(typeof(T))}[]", $"use {TypeNames.Of(typeof(T))}[,] or {TypeNames.Of(typeof(T))}[][], or flatten it in the opener (ravel)");
        return _vector.ToArray<T>(null, allowMissingStrings);
    }

    /// <inheritdoc />
    public override T[,] ToMatrix<T>(bool allowMissingStrings = false)
    {
        RequireDimensions(2, $"{TypeNames.Of(typeof(T))}[,]", $"use {TypeNames.Of(typeof(T))}[] for one dimension, or reshape it in the opener");
        var flat = _vector.ToArray<T>(null, allowMissingStrings);
        var matrix = new T[Shape[0], Shape[1]];
        if (flat.Length > 0)
        {
            // A rectangular array is one row-major block, like numpy's C order.
            var span = MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(matrix)), matrix.Length);
            flat.CopyTo(span);
        }

        return matrix;
    }

    /// <inheritdoc />
    public override T[][] ToJaggedArray<T>(bool allowMissingStrings = false)
    {
        RequireDimensions(2, $"{TypeNames.Of(typeof(T))}[][]", $"use {TypeNames.Of(typeof(T))}[] for one dimension, or reshape it in the opener");
        var flat = _vector.ToArray<T>(null, allowMissingStrings);
        var rows = new T[Shape[0]][];
        for (var row = 0; row < rows.Length; row++)
        {
            rows[row] = flat.AsSpan(row * Shape[1], Shape[1]).ToArray();
        }

        return rows;
    }

    internal static string ShapeText(IReadOnlyList<int> shape)
        => shape.Count == 1
            ? "(" + shape[0].ToString(CultureInfo.InvariantCulture) + ",)"
            : "(" + string.Join(", ", shape.Select(size => size.ToString(CultureInfo.InvariantCulture))) + ")";

    private void RequireDimensions(int dimensions, string expected, string hint)
    {
        if (Shape.Count != dimensions)
        {
            throw new PythonDataException(
                $"{Where} is {Description}: {Shape.Count} dimension{(Shape.Count == 1 ? string.Empty : "s")}, but {expected} needs {dimensions}: {hint}.");
        }
    }
}
