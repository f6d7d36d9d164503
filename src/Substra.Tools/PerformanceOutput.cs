namespace Substra.Tools;

/// <summary>A performance output parameter: report the value once; the runtime writes <c>{"all": value}</c>.</summary>
public sealed class PerformanceOutput
{
    /// <summary>Creates an unreported performance output.</summary>
    public PerformanceOutput(string identifier) => Identifier = identifier;

    /// <summary>The output identifier.</summary>
    public string Identifier { get; }

    /// <summary>The reported value, or <c>null</c> before <see cref="Report"/>.</summary>
    public double? Value { get; private set; }

    /// <summary>Reports the performance value.</summary>
    public void Report(double value) => Value = value;
}
