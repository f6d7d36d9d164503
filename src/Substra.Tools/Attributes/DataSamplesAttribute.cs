namespace Substra.Tools;

/// <summary>
/// Binds a parameter to what the task's opener returns for its data samples (<c>GetData</c>, or <c>FakeData</c> with
/// <c>--fake-data</c>). Declares the inputs <c>opener</c> (data manager) and <c>datasamples</c> (multiple data samples).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class DataSamplesAttribute : Attribute
{
}
