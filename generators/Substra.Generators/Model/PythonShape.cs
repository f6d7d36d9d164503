using Substra.Generators.Helpers;

namespace Substra.Generators.Model;

/// <summary>What a <c>[DataSamples(PythonOpener = true)]</c> parameter asks the Python bridge for.</summary>
internal enum PythonShapeKind
{
    /// <summary>A Microsoft.Data.Analysis DataFrame, from a pandas DataFrame.</summary>
    DataFrame,

    /// <summary><c>T[]</c>: a 1-d array, a Series, or a list of file paths (<c>string[]</c>).</summary>
    Vector,

    /// <summary><c>T[,]</c>: a 2-d array or a DataFrame (rows × columns).</summary>
    Matrix,

    /// <summary><c>T[][]</c>: a 2-d array or a DataFrame, by rows.</summary>
    Jagged,

    /// <summary>A value tuple: a Python tuple or list by position, or a dict by element name.</summary>
    Tuple,

    /// <summary>A list or array of records: one per DataFrame row, members bound to columns by name.</summary>
    Records,
}

/// <summary>
/// The conversion the generator emits for a Python-fed parameter. <paramref name="ElementTypeName"/> is the element type
/// (vectors, matrices) or the record type (records), fully qualified; <paramref name="DisplayName"/> names the record type
/// in messages.
/// </summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record PythonShape(
    PythonShapeKind Kind,
    string TypeName,
    string? ElementTypeName,
    bool AllowMissingStrings,
    EquatableArray<PythonTupleElement> Elements,
    EquatableArray<PythonRecordMember> Members,
    bool UsesConstructor,
    bool ReturnsList,
    string? DisplayName);

/// <summary>One element of a tuple shape; <paramref name="Name"/> is null for an unnamed element.</summary>
internal sealed record PythonTupleElement(string? Name, PythonShape Shape);

/// <summary>A record member bound to a column: a settable property, or a constructor parameter (in constructor order).</summary>
internal sealed record PythonRecordMember(string Name, string? ColumnName, string ElementTypeName, bool AllowMissingStrings);
