using Substra.Tools.Schema;

namespace Substra.Tools.Hosting;

/// <summary>
/// A registered function: its schema and the generated code that binds a task's resources to the C# method.
/// The generator emits one per <see cref="SubstraFunctionAttribute"/> method; nothing is found by reflection.
/// </summary>
/// <param name="Schema">The function's inputs and outputs.</param>
/// <param name="Invoke">Resolves the declaring class from the container, binds the parameters and runs the method.</param>
public sealed record FunctionDescriptor(FunctionSchema Schema, Func<FunctionInvocation, ValueTask> Invoke)
{
    /// <summary>The function name.</summary>
    public string Name => Schema.Name;

    /// <summary>
    /// Whether the function's <see cref="DataSamplesAttribute"/> parameter accepts Python openers
    /// (<see cref="DataSamplesAttribute.PythonOpener"/>): the runtime then runs a Python opener through the bridge.
    /// </summary>
    public bool ReadsPythonOpeners { get; init; }
}
