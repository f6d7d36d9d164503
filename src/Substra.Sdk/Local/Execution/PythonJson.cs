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

    public static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        // ensure_ascii: every non-ASCII UTF-16 unit (surrogates included) as \uXXXX, lowercase hex.
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
