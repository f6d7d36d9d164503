using System.Globalization;
using System.Text;
using Substra.Generators.Model;

namespace Substra.Generators.Emit;

/// <summary>
/// The FunctionSpec JSON of a function, without files: compact, properties in the reference's order
/// (name, inputs, outputs; identifier, kind, optional, multiple).
/// </summary>
internal static class SchemaJsonWriter
{
    public static string Write(FunctionModel function)
    {
        var builder = new StringBuilder(256);
        builder.Append("{\"name\":");
        AppendString(builder, function.Name);
        builder.Append(",\"inputs\":[");
        var first = true;
        foreach (var input in function.Inputs)
        {
            builder.Append(first ? "{" : ",{");
            first = false;
            builder.Append("\"identifier\":");
            AppendString(builder, input.Identifier);
            builder.Append(",\"kind\":\"").Append(WireKind(input.Kind)).Append('"');
            builder.Append(",\"optional\":").Append(input.Optional ? "true" : "false");
            builder.Append(",\"multiple\":").Append(input.Multiple ? "true" : "false");
            builder.Append('}');
        }

        builder.Append("],\"outputs\":[");
        first = true;
        foreach (var output in function.Outputs)
        {
            builder.Append(first ? "{" : ",{");
            first = false;
            builder.Append("\"identifier\":");
            AppendString(builder, output.Identifier);
            builder.Append(",\"kind\":\"").Append(WireKind(output.Kind)).Append('"');
            builder.Append(",\"multiple\":").Append(output.Multiple ? "true" : "false");
            builder.Append('}');
        }

        builder.Append("]}");
        return builder.ToString();
    }

    public static string WireKind(string kind) => kind switch
    {
        "Model" => "ASSET_MODEL",
        "Performance" => "ASSET_PERFORMANCE",
        "DataManager" => "ASSET_DATA_MANAGER",
        "DataSample" => "ASSET_DATA_SAMPLE",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown asset kind."),
    };

    private static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var character in value)
        {
            switch (character)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ':
                    builder.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(character); break;
            }
        }

        builder.Append('"');
    }
}
