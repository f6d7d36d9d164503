using Substra.Tools.Cli;

namespace Substra.Tools.Tests.Cli;

public sealed class PythonJsonTests
{
    [Theory]
    [InlineData(0.25, "{\"all\": 0.25}")]
    [InlineData(1.0, "{\"all\": 1.0}")]
    [InlineData(-3.0, "{\"all\": -3.0}")]
    [InlineData(1e-05, "{\"all\": 1e-05}")]
    [InlineData(1e16, "{\"all\": 1e+16}")]
    [InlineData(1e15, "{\"all\": 1000000000000000.0}")]
    [InlineData(0.0001, "{\"all\": 0.0001}")]
    [InlineData(123.456, "{\"all\": 123.456}")]
    [InlineData(1.5e-7, "{\"all\": 1.5e-07}")]
    [InlineData(-2.5e300, "{\"all\": -2.5e+300}")]
    [InlineData(0.0, "{\"all\": 0.0}")]
    [InlineData(-0.0, "{\"all\": -0.0}")]
    [InlineData(double.NaN, "{\"all\": NaN}")]
    [InlineData(double.PositiveInfinity, "{\"all\": Infinity}")]
    public void Performances_are_written_as_python_json_dump(double value, string expected)
        => Assert.Equal(expected, PythonJson.FormatPerformance(value));
}
