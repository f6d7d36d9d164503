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

    /// <summary>
    /// Python's <c>repr(float)</c>: the shortest round-trip digits, in exponent form when the decimal exponent is below -4
    /// or above 16, always with a decimal point or an exponent; <c>NaN</c> and <c>Infinity</c> literals as <c>json.dumps</c>.
    /// </summary>
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

        var sign = double.IsNegative(value) ? "-" : string.Empty;
        var roundTrip = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = roundTrip.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var integerDigits = dot < 0 ? mantissa.Length : dot;
        var allDigits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        var digits = allDigits.Trim('0');
        if (digits.Length == 0)
        {
            return sign + "0.0";
        }

        // value = 0.<digits> x 10^decimalPoint
        var decimalPoint = integerDigits - leadingZeros + exponent;
        string text;
        if (decimalPoint is > -4 and <= 16)
        {
            text = decimalPoint <= 0
                ? "0." + new string('0', -decimalPoint) + digits
                : decimalPoint >= digits.Length
                    ? digits + new string('0', decimalPoint - digits.Length) + ".0"
                    : digits[..decimalPoint] + "." + digits[decimalPoint..];
        }
        else
        {
            var power = decimalPoint - 1;
            text = digits[..1] + (digits.Length > 1 ? "." + digits[1..] : string.Empty)
                + "e" + (power < 0 ? "-" : "+") + Math.Abs(power).ToString("00", CultureInfo.InvariantCulture);
        }

        return sign + text;
    }

    /// <summary>A value read by <see cref="CliJson"/>, written back as <c>json.dumps</c> would.</summary>
    public static string Format(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case string text:
                WriteString(builder, text);
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case CliJsonNumber number:
                builder.Append(number.Text);
                break;
            case CliJsonObject properties:
                builder.Append('{');
                for (var i = 0; i < properties.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ");
                    WriteString(builder, properties[i].Key);
                    builder.Append(": ");
                    Write(builder, properties[i].Value);
                }

                builder.Append('}');
                break;
            case List<object?> items:
                builder.Append('[');
                for (var i = 0; i < items.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ");
                    Write(builder, items[i]);
                }

                builder.Append(']');
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    /// <summary><c>{"all": value}</c>, the performance file of <c>substratools.save_performance</c>.</summary>
    public static string FormatPerformance(double value) => "{\"all\": " + FormatDouble(value) + "}";
}
