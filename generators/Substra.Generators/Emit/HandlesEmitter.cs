using Substra.Generators.Model;

namespace Substra.Generators.Emit;

/// <summary>
/// Emits, in the user's partial class, <c>Handles</c>: one typed handle per function whose <c>Inputs</c> and
/// <c>Outputs</c> slots let a plan builder accept only compatible connections at compile time.
/// </summary>
internal static class HandlesEmitter
{
    private const string SchemaNamespace = "global::Substra.Tools.Schema";
    private const string PlansNamespace = "global::Substra.Tools.Plans";

    /// <summary><c>Ns.Outer+Inner.SubstraHandles.g.cs</c>: '+' for nesting, so that a nested type never collides with a namespace.</summary>
    public static string HintName(FunctionModel anyFunctionOfType)
    {
        var types = string.Join("+", anyFunctionOfType.ContainingTypes.Select(static t => t.Name));
        var prefix = anyFunctionOfType.Namespace.Length == 0 ? string.Empty : anyFunctionOfType.Namespace + ".";
        return prefix + types + ".SubstraHandles.g.cs";
    }

    public static string Emit(IReadOnlyList<FunctionModel> functionsOfOneType)
    {
        var first = functionsOfOneType[0];
        var names = HandleNames.Assign(functionsOfOneType);
        var writer = new SourceWriter();
        writer.WriteLine(Names.Header);
        if (first.Namespace.Length > 0)
        {
            writer.WriteLine($"namespace {first.Namespace}");
            writer.OpenBlock();
        }

        foreach (var type in first.ContainingTypes)
        {
            writer.WriteLine($"{type.Keyword} {type.Name}");
            writer.OpenBlock();
        }

        writer.WriteLine("/// <summary>Typed handles of this type's Substra functions, for wiring compute plans.</summary>");
        writer.WriteLine(Names.GeneratedCodeAttribute);
        writer.WriteLine("public static class Handles");
        writer.OpenBlock();
        var firstHandle = true;
        foreach (var function in functionsOfOneType)
        {
            if (!firstHandle)
            {
                writer.WriteLine();
            }

            firstHandle = false;
            WriteHandle(writer, function, names[function.Name]);
        }

        writer.CloseBlock();
        foreach (var _ in first.ContainingTypes)
        {
            writer.CloseBlock();
        }

        if (first.Namespace.Length > 0)
        {
            writer.CloseBlock();
        }

        return writer.ToString();
    }

    private static void WriteHandle(SourceWriter writer, FunctionModel function, string name)
    {
        var handleType = name + "Handle";
        writer.WriteLine($"/// <summary>The function <c>{System.Security.SecurityElement.Escape(function.Name)}</c>.</summary>");
        writer.WriteLine($"public static {handleType} {name} {{ get; }} = new {handleType}();");
        writer.WriteLine();
        writer.WriteLine($"/// <summary>The handle of the function <c>{System.Security.SecurityElement.Escape(function.Name)}</c>.</summary>");
        writer.WriteLine($"public sealed record {handleType} : {PlansNamespace}.FunctionHandle");
        writer.OpenBlock();
        writer.WriteLine($"internal {handleType}()");
        writer.WriteLine($"    : base(CreateSchema(), {(function.UsesData ? "true" : "false")})");
        writer.OpenBlock();
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <summary>The function's model inputs.</summary>");
        writer.WriteLine("public InputSlots Inputs { get; } = new InputSlots();");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The function's outputs.</summary>");
        writer.WriteLine("public OutputSlots Outputs { get; } = new OutputSlots();");
        writer.WriteLine();
        WriteSchemaFactory(writer, function);
        writer.WriteLine();
        WriteInputSlots(writer, function);
        writer.WriteLine();
        WriteOutputSlots(writer, function);
        writer.CloseBlock();
    }

    private static void WriteSchemaFactory(SourceWriter writer, FunctionModel function)
    {
        writer.WriteLine($"private static {SchemaNamespace}.FunctionSchema CreateSchema() => new {SchemaNamespace}.FunctionSchema(");
        writer.Indent();
        writer.WriteLine(Names.Literal(function.Name) + ",");
        if (function.Inputs.Count == 0)
        {
            writer.WriteLine($"global::System.Array.Empty<{SchemaNamespace}.FunctionInputSchema>(),");
        }
        else
        {
            writer.WriteLine($"new {SchemaNamespace}.FunctionInputSchema[]");
            writer.OpenBlock();
            foreach (var input in function.Inputs)
            {
                writer.WriteLine($"new {SchemaNamespace}.FunctionInputSchema({Names.Literal(input.Identifier)}, {SchemaNamespace}.AssetKind.{input.Kind}, Multiple: {Bool(input.Multiple)}, Optional: {Bool(input.Optional)}),");
            }

            writer.CloseBlock(",");
        }

        if (function.Outputs.Count == 0)
        {
            writer.WriteLine($"global::System.Array.Empty<{SchemaNamespace}.FunctionOutputSchema>(),");
        }
        else
        {
            writer.WriteLine($"new {SchemaNamespace}.FunctionOutputSchema[]");
            writer.OpenBlock();
            foreach (var output in function.Outputs)
            {
                writer.WriteLine($"new {SchemaNamespace}.FunctionOutputSchema({Names.Literal(output.Identifier)}, {SchemaNamespace}.AssetKind.{output.Kind}, Multiple: {Bool(output.Multiple)}),");
            }

            writer.CloseBlock(",");
        }

        writer.WriteLine(Names.Literal(function.Description) + ");");
        writer.Unindent();
    }

    private static void WriteInputSlots(SourceWriter writer, FunctionModel function)
    {
        writer.WriteLine("/// <summary>The model inputs; a single input takes one parent output, a multiple one takes several.</summary>");
        writer.WriteLine("public sealed record InputSlots");
        writer.OpenBlock();
        writer.WriteLine("internal InputSlots()");
        writer.OpenBlock();
        writer.CloseBlock();
        var taken = new HashSet<string>(StringComparer.Ordinal) { "InputSlots" };
        foreach (var input in function.Inputs.Where(static i => i.Kind == "Model"))
        {
            var slotType = input.Multiple ? "MultipleModelInputSlot" : "ModelInputSlot";
            writer.WriteLine();
            writer.WriteLine($"/// <summary>The input <c>{System.Security.SecurityElement.Escape(input.Identifier)}</c>.</summary>");
            writer.WriteLine($"public {PlansNamespace}.{slotType} {Names.Unique(input.Identifier, taken)} {{ get; }} = new {PlansNamespace}.{slotType}({Names.Literal(input.Identifier)}, Optional: {Bool(input.Optional)});");
        }

        writer.CloseBlock();
    }

    private static void WriteOutputSlots(SourceWriter writer, FunctionModel function)
    {
        writer.WriteLine("/// <summary>The outputs; only model outputs can feed the inputs of later tasks.</summary>");
        writer.WriteLine("public sealed record OutputSlots");
        writer.OpenBlock();
        writer.WriteLine("internal OutputSlots()");
        writer.OpenBlock();
        writer.CloseBlock();
        var taken = new HashSet<string>(StringComparer.Ordinal) { "OutputSlots" };
        foreach (var output in function.Outputs)
        {
            var slotType = output.Kind == "Performance" ? "PerformanceOutputSlot" : "ModelOutputSlot";
            writer.WriteLine();
            writer.WriteLine($"/// <summary>The output <c>{System.Security.SecurityElement.Escape(output.Identifier)}</c>.</summary>");
            writer.WriteLine($"public {PlansNamespace}.{slotType} {Names.Unique(output.Identifier, taken)} {{ get; }} = new {PlansNamespace}.{slotType}({Names.Literal(output.Identifier)});");
        }

        writer.CloseBlock();
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
