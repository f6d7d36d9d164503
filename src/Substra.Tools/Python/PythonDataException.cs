namespace Substra.Tools.Python;

/// <summary>
/// What a Python opener returned cannot become what the function's <see cref="DataSamplesAttribute"/> parameter asks for:
/// the message names the place in the result (for example <c>the result column 'age'</c>), what was found and what was
/// expected.
/// </summary>
public sealed class PythonDataException(string message) : Exception(message)
{
}
