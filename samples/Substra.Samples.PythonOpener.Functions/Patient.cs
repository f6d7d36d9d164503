namespace Substra.Samples.PythonOpener.Functions;

/// <summary>
/// One row of the pandas DataFrame the providers' opener returns, bound column by column by generated code (pandas'
/// nullable <c>bmi</c> becomes <c>double?</c>; the <c>at_risk</c> column is matched ignoring case and '_').
/// </summary>
public sealed class Patient
{
    public long Age { get; set; }

    public double? Bmi { get; set; }

    public bool Smoker { get; set; }

    public string Region { get; set; } = string.Empty;

    public bool AtRisk { get; set; }
}
