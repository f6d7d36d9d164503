namespace Substra.Benchmarks;

/// <summary>One row of the results page. <paramref name="Met"/> is null when the figure has no goal.</summary>
internal sealed record Figure(string Name, string Value, string Goal = "—", bool? Met = null, string Source = "")
{
    public static Figure NotMeasured(string name, string why, string goal = "—", string source = "") =>
        new(name, $"not measured: {why}", goal, null, source);

    public string MetText => Value.StartsWith("not measured", StringComparison.Ordinal) ? "—" : Met switch
    {
        true => "yes",
        false => "**no**",
        null => "—",
    };
}
