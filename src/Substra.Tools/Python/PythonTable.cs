using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Substra.Tools.Python;

/// <summary>
/// A pandas DataFrame returned by a Python opener. A default <c>RangeIndex</c> is dropped; any other index is kept as
/// leading columns, as <c>reset_index()</c> makes them.
/// </summary>
public sealed class PythonTable : PythonValue
{
    private readonly PythonColumn[] _columns;

    internal PythonTable(string pythonType, string where, int rowCount, bool indexKept, PythonColumn[] columns)
        : base(pythonType, where)
    {
        RowCount = rowCount;
        IndexKept = indexKept;
        this._columns = columns;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Whether the DataFrame's index was not a default RangeIndex and is kept as leading columns.</summary>
    public bool IndexKept { get; }

    /// <summary>The columns, in the DataFrame's order.</summary>
    public IReadOnlyList<PythonColumn> Columns => _columns;

    /// <inheritdoc />
    public override string Description
        => $"a {PythonType} of {RowCount} row{(RowCount == 1 ? string.Empty : "s")} and {_columns.Length} column{(_columns.Length == 1 ? string.Empty : "s")}";

    /// <inheritdoc />
    public override PythonTable ToTable(string expected) => this;

    /// <summary>
    /// The column for a member: the column named <paramref name="columnName"/> when given (exactly), else the one named
    /// like <paramref name="memberName"/>, exactly or ignoring case, <c>_</c>, <c>-</c> and spaces.
    /// </summary>
    /// <param name="memberName">The property or constructor parameter name.</param>
    /// <param name="columnName">The name given by <see cref="ColumnNameAttribute"/>, or <c>null</c>.</param>
    /// <param name="boundTo">The member, for example <c>Patient.Age</c>, for messages.</param>
    public PythonColumn Column(string memberName, string? columnName, string boundTo)
    {
        if (columnName is not null)
        {
            return Array.Find(_columns, column => column.Name == columnName)
                ?? throw new PythonDataException($"{Where} has no column '{columnName}' for {boundTo} (its columns: {ColumnList()}).");
        }

        var exact = Array.Find(_columns, column => column.Name == memberName);
        if (exact is not null)
        {
            return exact;
        }

        var key = Normalize(memberName);
        var matches = Array.FindAll(_columns, column => Normalize(column.Name) == key);
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new PythonDataException(
                $"{Where} has no column named like {boundTo} (its columns: {ColumnList()}): rename the property, or give the column name with [ColumnName(\"…\")]."),
            _ => throw new PythonDataException(
                $"{Where} has several columns named like {boundTo} ({string.Join(", ", matches.Select(column => $"'{column.Name}'"))}): give the column name with [ColumnName(\"…\")]."),
        };
    }

    /// <inheritdoc />
    public override T[,] ToMatrix<T>(bool allowMissingStrings = false)
    {
        var matrix = new T[RowCount, _columns.Length];
        var span = MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(matrix)), matrix.Length);
        for (var c = 0; c < _columns.Length; c++)
        {
            var values = _columns[c].ToArray<T>(null, allowMissingStrings);
            for (var row = 0; row < values.Length; row++)
            {
                span[(row * _columns.Length) + c] = values[row];
            }
        }

        return matrix;
    }

    /// <inheritdoc />
    public override T[][] ToJaggedArray<T>(bool allowMissingStrings = false)
    {
        var rows = new T[RowCount][];
        for (var row = 0; row < rows.Length; row++)
        {
            rows[row] = new T[_columns.Length];
        }

        for (var c = 0; c < _columns.Length; c++)
        {
            var values = _columns[c].ToArray<T>(null, allowMissingStrings);
            for (var row = 0; row < values.Length; row++)
            {
                rows[row][c] = values[row];
            }
        }

        return rows;
    }

    private string ColumnList() => _columns.Length == 0 ? "none" : string.Join(", ", _columns.Select(column => $"'{column.Name}'"));

    private static string Normalize(string name)
        => new string(name.Where(character => character is not ('_' or '-' or ' ')).ToArray()).ToUpperInvariant();
}
