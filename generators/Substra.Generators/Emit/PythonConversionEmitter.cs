using System.Globalization;
using Substra.Generators.Model;

namespace Substra.Generators.Emit;

/// <summary>
/// Emits, for a <c>[DataSamples(PythonOpener = true)]</c> parameter, the method that converts what a Python opener returned
/// (<c>PythonValue</c>) to the parameter's type, records bound column by column: no reflection at run time.
/// </summary>
internal static class PythonConversionEmitter
{
    public const string DataFrameMethod = "SubstraPythonDataFrame";

    private const string PythonValue = "global::Substra.Tools.Python.PythonValue";
    private const string Analysis = "global::Microsoft.Data.Analysis";

    public static void WriteConverter(SourceWriter writer, string methodName, ParameterModel parameter)
    {
        var helpers = new List<(string Name, PythonShape Shape)>();
        var expression = Expression(parameter.Python!, "value", methodName, helpers);
        writer.WriteLine();
        writer.WriteLine($"private static {parameter.DataTypeName} {methodName}({PythonValue} value)");
        writer.WriteLine($"    => {expression};");
        foreach (var (name, shape) in helpers)
        {
            writer.WriteLine();
            WriteRecords(writer, name, shape);
        }
    }

    public static bool UsesDataFrame(PythonShape shape)
        => shape.Kind == PythonShapeKind.DataFrame || shape.Elements.Any(static element => UsesDataFrame(element.Shape));

    /// <summary>The DataFrame from a pandas DataFrame: one column per column, NaN and missing values as nulls.</summary>
    public static void WriteDataFrame(SourceWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine($"private static {Analysis}.DataFrame {DataFrameMethod}({PythonValue} value)");
        writer.OpenBlock();
        writer.WriteLine("var table = value.ToTable(\"Microsoft.Data.Analysis.DataFrame\");");
        writer.WriteLine($"var columns = new global::System.Collections.Generic.List<{Analysis}.DataFrameColumn>(table.Columns.Count);");
        writer.WriteLine("foreach (var column in table.Columns)");
        writer.OpenBlock();
        writer.WriteLine("switch (column.DataType)");
        writer.OpenBlock();
        foreach (var (kind, columnType, element) in new[]
                 {
                     ("Float64", "DoubleDataFrameColumn", "double"),
                     ("Float32", "SingleDataFrameColumn", "float"),
                     ("Int64", "Int64DataFrameColumn", "long"),
                     ("Boolean", "BooleanDataFrameColumn", "bool"),
                     ("DateTime", "DateTimeDataFrameColumn", "global::System.DateTime"),
                 })
        {
            // The column wraps the values and the validity bitmap as they are: no append per value.
            writer.WriteLine($"case global::Substra.Tools.Python.PythonDataType.{kind}:");
            writer.OpenBlock();
            writer.WriteLine($"var {Camel(kind)} = column.ToArrowBuffers<{element}>();");
            writer.WriteLine($"columns.Add(new {Analysis}.{columnType}(column.Name, {Camel(kind)}.Values, {Camel(kind)}.Validity, {Camel(kind)}.Length, {Camel(kind)}.NullCount));");
            writer.WriteLine("break;");
            writer.CloseBlock();
        }

        writer.WriteLine("default:");
        writer.WriteLine($"    columns.Add(new {Analysis}.StringDataFrameColumn(column.Name, column.ToArray<string>(null, true)));");
        writer.WriteLine("    break;");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"return new {Analysis}.DataFrame(columns);");
        writer.CloseBlock();
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);

    private static string Expression(PythonShape shape, string value, string methodName, List<(string Name, PythonShape Shape)> helpers)
    {
        var allow = shape.AllowMissingStrings ? "true" : string.Empty;
        switch (shape.Kind)
        {
            case PythonShapeKind.DataFrame:
                return $"{DataFrameMethod}({value})";
            case PythonShapeKind.Vector:
                return $"{value}.ToArray<{shape.ElementTypeName}>({allow})";
            case PythonShapeKind.Matrix:
                return $"{value}.ToMatrix<{shape.ElementTypeName}>({allow})";
            case PythonShapeKind.Jagged:
                return $"{value}.ToJaggedArray<{shape.ElementTypeName}>({allow})";
            case PythonShapeKind.Tuple:
                var count = shape.Elements.Count.ToString(CultureInfo.InvariantCulture);
                var items = shape.Elements.Select((element, index) => Expression(
                    element.Shape,
                    $"{value}.Item({index.ToString(CultureInfo.InvariantCulture)}, {count}, {Names.Literal(element.Name)})",
                    methodName,
                    helpers));
                return "(" + string.Join(", ", items) + ")";
            default:
                var name = methodName + "Records" + (helpers.Count + 1).ToString(CultureInfo.InvariantCulture);
                helpers.Add((name, shape));
                return $"{name}({value})";
        }
    }

    private static void WriteRecords(SourceWriter writer, string name, PythonShape shape)
    {
        var record = shape.ElementTypeName!;
        writer.WriteLine($"private static {shape.TypeName} {name}({PythonValue} value)");
        writer.OpenBlock();
        writer.WriteLine($"var table = value.ToTable({Names.Literal("a list of " + shape.DisplayName + " records")});");
        for (var i = 0; i < shape.Members.Count; i++)
        {
            var member = shape.Members[i];
            var boundTo = Names.Literal(shape.DisplayName + "." + member.Name);
            writer.WriteLine(
                $"var column{i.ToString(CultureInfo.InvariantCulture)} = table.Column({Names.Literal(member.Name)}, {Names.Literal(member.ColumnName)}, {boundTo})"
                + $".ToArray<{member.ElementTypeName}>({boundTo}, {(member.AllowMissingStrings ? "true" : "false")});");
        }

        writer.WriteLine($"var records = new {record}[table.RowCount];");
        writer.WriteLine("for (var row = 0; row < records.Length; row++)");
        writer.OpenBlock();
        var values = shape.Members.Select((member, i) => (member.Name, Value: $"column{i.ToString(CultureInfo.InvariantCulture)}[row]")).ToList();
        if (shape.UsesConstructor)
        {
            writer.WriteLine($"records[row] = new {record}({string.Join(", ", values.Select(static v => v.Value))});");
        }
        else
        {
            writer.WriteLine($"records[row] = new {record}");
            writer.OpenBlock();
            foreach (var (member, valueText) in values)
            {
                writer.WriteLine($"{Names.Escape(member)} = {valueText},");
            }

            writer.CloseBlock(";");
        }

        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine(shape.ReturnsList ? $"return new global::System.Collections.Generic.List<{record}>(records);" : "return records;");
        writer.CloseBlock();
    }
}
