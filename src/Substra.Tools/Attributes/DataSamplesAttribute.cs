namespace Substra.Tools;

/// <summary>
/// Binds a parameter to what the task's opener returns for its data samples (<c>GetData</c>, or <c>FakeData</c> with
/// <c>--fake-data</c>). Declares the inputs <c>opener</c> (data manager) and <c>datasamples</c> (multiple data samples).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class DataSamplesAttribute : Attribute
{
    /// <summary>
    /// The function also reads datasets registered with a Python opener (<c>opener.py</c>, a substratools <c>Opener</c>):
    /// the runtime runs the opener in the image's Python and converts what it returns to the parameter's type, which must
    /// then be one the bridge produces (a Microsoft.Data.Analysis DataFrame, arrays, a tuple of them, or a list of records;
    /// see docs/python-openers.md). The function's archive gets an image with Python, numpy and pandas.
    /// .NET opener artifacts keep working as before.
    /// </summary>
    public bool PythonOpener { get; set; }
}
