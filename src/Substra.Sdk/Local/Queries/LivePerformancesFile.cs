using System.Globalization;
using System.Text;
using Substra.Sdk.Local.Execution;
using Substra.Sdk.Models;

namespace Substra.Sdk.Local.Queries;

/// <summary>
/// <c>live_performances/&lt;plan&gt;/performances.json</c> as the reference writes it: the Performances columns as JSON with
/// Python's separators, dates as Python's <c>str(datetime)</c> and enums as their wire value.
/// </summary>
internal static class LivePerformancesFile
{
    public static void Write(string path, Performances performances)
    {
        var json = new StringBuilder("{");
        Column(json, "compute_plan_key", performances.ComputePlanKey, String, first: true);
        Column(json, "compute_plan_tag", performances.ComputePlanTag, String);
        Column(json, "compute_plan_status", performances.ComputePlanStatus, (b, s) => String(b, s.ToWireName()));
        Column(json, "compute_plan_start_date", performances.ComputePlanStartDate, Date);
        Column(json, "compute_plan_end_date", performances.ComputePlanEndDate, Date);
        Column(json, "compute_plan_metadata", performances.ComputePlanMetadata, Metadata);
        Column(json, "worker", performances.Worker, String);
        Column(json, "task_key", performances.TaskKey, String);
        Column(json, "task_rank", performances.TaskRank, (b, v) => b.Append(v is { } rank ? rank.ToString(CultureInfo.InvariantCulture) : "null"));
        Column(json, "round_idx", performances.RoundIdx, (b, v) => b.Append(v is { } round ? round.ToString(CultureInfo.InvariantCulture) : "null"));
        Column(json, "identifier", performances.Identifier, String);
        Column(json, "performance", performances.Performance, (b, v) => b.Append(Substra.Tools.Cli.PythonJson.FormatDouble(v)));
        json.Append('}');

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, json.ToString());
        File.Move(temporary, path, overwrite: true);
    }

    private static void Column<T>(StringBuilder json, string name, IReadOnlyList<T> values, Action<StringBuilder, T> write, bool first = false)
    {
        if (!first)
        {
            json.Append(", ");
        }

        PythonJson.AppendString(json, name);
        json.Append(": [");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                json.Append(", ");
            }

            write(json, values[i]);
        }

        json.Append(']');
    }

    private static void String(StringBuilder json, string value) => PythonJson.AppendString(json, value);

    private static void Date(StringBuilder json, DateTimeOffset? date)
    {
        if (date is not { } value)
        {
            json.Append("null");
            return;
        }

        var local = value.LocalDateTime;
        var text = local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var microseconds = (int)(local.Ticks % TimeSpan.TicksPerSecond / 10);
        if (microseconds != 0)
        {
            text += "." + microseconds.ToString("D6", CultureInfo.InvariantCulture);
        }

        PythonJson.AppendString(json, text);
    }

    private static void Metadata(StringBuilder json, IReadOnlyDictionary<string, string> metadata)
    {
        json.Append('{');
        var first = true;
        foreach (var (key, value) in metadata)
        {
            if (!first)
            {
                json.Append(", ");
            }

            first = false;
            PythonJson.AppendString(json, key);
            json.Append(": ");
            PythonJson.AppendString(json, value);
        }

        json.Append('}');
    }
}
