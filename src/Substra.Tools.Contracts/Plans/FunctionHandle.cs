using Substra.Tools.Schema;

namespace Substra.Tools.Plans;

/// <summary>
/// A function as seen by a compute plan. The generator derives one handle per <c>[SubstraFunction]</c>
/// method, nested in the declaring class (<c>MyFunctions.Handles.Train</c>), with typed <c>Inputs</c> and <c>Outputs</c>
/// slots so that a plan can only connect compatible outputs and inputs.
/// </summary>
/// <param name="Schema">The function's inputs and outputs.</param>
/// <param name="UsesData">Whether the function takes the data samples of a dataset (inputs <c>opener</c> and <c>datasamples</c>).</param>
public abstract record FunctionHandle(FunctionSchema Schema, bool UsesData)
{
    /// <summary>The registered function name.</summary>
    public string Name => Schema.Name;
}
