using System.Globalization;
using System.Text;

namespace Substra.Tools.Cli;

/// <summary>
/// Writes JSON the way Python's <c>json.dumps</c> does with its defaults (<c>", "</c> and <c>": "</c> separators,
/// ASCII-only strings), so that command lines and files match the reference byte for byte.
/// </summary>
internal static class PythonJson
{
    public static void WriteString(StringBuilder builder, string value)
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
                    if (c < ' ' || c > '~')
                    {
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

    /// <summary>Python's <c>repr(float)</c>: always a decimal point or exponent, and <c>NaN</c>/<c>Infinity</c> literals.</summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return text.Contains('.') || text.Contains('e') ? text : text + ".0";
    }

    /// <summary><c>{"all": value}</c>, the performance file of <c>substratools.save_performance</c>.</summary>
    public static string FormatPerformance(double value) => "{\"all\": " + FormatDouble(value) + "}";
}
