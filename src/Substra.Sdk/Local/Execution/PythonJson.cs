using System.Globalization;
using System.Text;

namespace Substra.Sdk.Local.Execution;

/// <summary>
/// JSON as Python's <c>json.dumps</c> writes it by default (separators <c>", "</c> and <c>": "</c>, ASCII only): the
/// task command line must be byte for byte what substratools receives from the reference.
/// </summary>
internal static class PythonJson
{
    public static string TaskProperties(int rank) => "{\"rank\": " + rank.ToString(CultureInfo.InvariantCulture) + "}";

    public static string Resources(IEnumerable<TaskResource> resources)
    {
        var builder = new StringBuilder("[");
        var first = true;
        foreach (var resource in resources)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append("{\"id\": ");
            AppendString(builder, resource.Id);
            builder.Append(", \"value\": ");
            AppendString(builder, resource.Value);
            builder.Append(", \"multiple\": ").Append(resource.Multiple ? "true" : "false").Append('}');
        }

        return builder.Append(']').ToString();
    }

    // One escaping rule for the runtime and the worker: the task command line and the files both sides read.
    public static void AppendString(StringBuilder builder, string value) => Substra.Tools.Cli.PythonJson.WriteString(builder, value);
}
