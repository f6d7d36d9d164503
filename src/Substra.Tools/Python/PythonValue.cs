namespace Substra.Tools.Python;

/// <summary>
/// What a Python opener returned, as the bridge passed it to .NET: a <see cref="PythonTable"/> (pandas DataFrame), a
/// <see cref="PythonArray"/> (numpy array or pandas Series), <see cref="PythonPaths"/> (a list of file paths), or a
/// <see cref="PythonSequence"/> / <see cref="PythonMapping"/> of these. Generated code converts it to the type of the
/// function's <see cref="DataSamplesAttribute"/> parameter with the methods below; each throws a
/// <see cref="PythonDataException"/> that says what was found where, and what was expected.
/// </summary>
public abstract class PythonValue
{
    private protected PythonValue(string pythonType, string where)
    {
        PythonType = pythonType;
        Where = where;
    }

    /// <summary>The Python type, for example <c>pandas.core.frame.DataFrame</c> or <c>tuple</c>.</summary>
    public string PythonType { get; }

    /// <summary>Where the value is in the result, for messages: <c>the result</c>, <c>the result[1]</c>, <c>the result['x']</c>.</summary>
    public string Where { get; }

    /// <summary>A one-line description of the value, for messages.</summary>
    public abstract string Description { get; }

    /// <summary>A one-dimensional array (or a list of file paths, as <c>string[]</c>) as a <typeparamref name="T"/> array.</summary>
    /// <param name="allowMissingStrings">Whether a missing string (None) becomes <c>null</c> rather than an error.</param>
    public virtual T[] ToArray<T>(bool allowMissingStrings = false) => throw Mismatch($"{TypeNames.Of(typeof(T))}[]");

    /// <summary>A two-dimensional array, or a DataFrame (rows × columns), as a rectangular <typeparamref name="T"/> array.</summary>
    public virtual T[,] ToMatrix<T>(bool allowMissingStrings = false) => throw Mismatch($"{TypeNames.Of(typeof(T))}[,]");

    /// <summary>A two-dimensional array, or a DataFrame (rows × columns), as an array of rows.</summary>
    public virtual T[][] ToJaggedArray<T>(bool allowMissingStrings = false) => throw Mismatch($"{TypeNames.Of(typeof(T))}[][]");

    /// <summary>The DataFrame this value is; <paramref name="expected"/> names the .NET type that needs one, for messages.</summary>
    public virtual PythonTable ToTable(string expected) => throw Mismatch(expected + " (it needs a pandas DataFrame)");

    /// <summary>
    /// An element of a tuple or list (by position) or of a dict (by <paramref name="name"/>, then ignoring case; by position
    /// when the tuple element has no name), for a .NET tuple of <paramref name="count"/> elements.
    /// </summary>
    public virtual PythonValue Item(int index, int count, string? name)
        => throw Mismatch($"a tuple of {count} elements (it needs a Python tuple, list or dict)");

    private protected PythonDataException Mismatch(string expected)
        => new($"{Where} is {Description}, which cannot be read as {expected}.");
}
