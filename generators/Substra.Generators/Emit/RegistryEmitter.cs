using Substra.Generators.Model;

namespace Substra.Generators.Emit;

/// <summary>
/// Emits <c>{RootNamespace}.SubstraFunctionRegistry</c>: a <c>FunctionDescriptor</c> per function whose <c>Invoke</c>
/// binds each parameter through <c>FunctionInvocation</c> and calls the method; nothing is found by reflection.
/// </summary>
internal static class RegistryEmitter
{
    public const string HintName = "SubstraFunctionRegistry.g.cs";

    private const string Hosting = "global::Substra.Tools.Hosting";
    private const string Tasks = "global::System.Threading.Tasks";

    public static string Emit(ProjectModel project)
    {
        var handleNames = project.Functions
            .GroupBy(static f => f.DeclaringTypeName, StringComparer.Ordinal)
            .SelectMany(static g => HandleNames.Assign(g).Select(pair => (Type: g.Key, Function: pair.Key, Handle: pair.Value)))
            .ToDictionary(static x => x.Function, static x => x.Type + ".Handles." + x.Handle, StringComparer.Ordinal);
        var takenInvokers = new HashSet<string>(StringComparer.Ordinal);
        var invokers = project.Functions.Select(f => "Invoke" + Names.Unique(f.Name, takenInvokers)).ToArray();

        var writer = new SourceWriter();
        writer.WriteLine(Names.Header);
        writer.WriteLine($"namespace {project.RootNamespace}");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The Substra functions of this project, for the in-task host and for build tasks.</summary>");
        writer.WriteLine(Names.GeneratedCodeAttribute);
        writer.WriteLine("public static class SubstraFunctionRegistry");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>Every function of the project, sorted by name.</summary>");
        writer.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{Hosting}.FunctionDescriptor> Functions {{ get; }} = new {Hosting}.FunctionDescriptor[]");
        writer.OpenBlock();
        for (var i = 0; i < project.Functions.Count; i++)
        {
            var function = project.Functions[i];
            var pythonFlag = function.ReadsPythonOpeners ? " { ReadsPythonOpeners = true }" : string.Empty;
            writer.WriteLine($"new {Hosting}.FunctionDescriptor({handleNames[function.Name]}.Schema, {invokers[i]}){pythonFlag},");
        }

        writer.CloseBlock(";");
        for (var i = 0; i < project.Functions.Count; i++)
        {
            writer.WriteLine();
            WriteInvoker(writer, project.Functions[i], invokers[i]);
            foreach (var parameter in project.Functions[i].Parameters.Where(static p => p.Python is not null))
            {
                PythonConversionEmitter.WriteConverter(writer, PythonConverterName(invokers[i]), parameter);
            }
        }

        if (project.Functions.SelectMany(static f => f.Parameters).Any(static p => p.Python is not null && PythonConversionEmitter.UsesDataFrame(p.Python)))
        {
            PythonConversionEmitter.WriteDataFrame(writer);
        }

        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    private static void WriteInvoker(SourceWriter writer, FunctionModel function, string invoker)
    {
        var isAsync = function.ReturnShape is ReturnShape.TaskOfDouble or ReturnShape.ValueTaskOfDouble;
        writer.WriteLine($"private static {(isAsync ? "async " : string.Empty)}{Tasks}.ValueTask {invoker}({Hosting}.FunctionInvocation invocation)");
        writer.OpenBlock();
        string target;
        if (function.IsStatic)
        {
            target = function.DeclaringTypeName;
        }
        else
        {
            writer.WriteLine($"var function = global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{function.DeclaringTypeName}>(invocation.Services);");
            target = "function";
        }

        var arguments = function.Parameters.Select(parameter => Argument(parameter, invoker)).ToArray();
        var call = arguments.Length == 0
            ? $"{target}.{Names.Escape(function.MethodName)}()"
            : $"{target}.{Names.Escape(function.MethodName)}(\n    " + string.Join(",\n    ", arguments) + ")";
        var performance = Names.Literal(function.ReturnPerformanceIdentifier ?? string.Empty);
        switch (function.ReturnShape)
        {
            case ReturnShape.Void:
                writer.WriteLine(call + ";");
                writer.WriteLine("return default;");
                break;
            case ReturnShape.Task:
                writer.WriteLine($"return new {Tasks}.ValueTask({call});");
                break;
            case ReturnShape.ValueTask:
                writer.WriteLine($"return {call};");
                break;
            case ReturnShape.Double:
                writer.WriteLine($"var performance = {call};");
                writer.WriteLine($"invocation.SetPerformance({performance}, performance);");
                writer.WriteLine("return default;");
                break;
            case ReturnShape.TaskOfDouble:
            case ReturnShape.ValueTaskOfDouble:
                writer.WriteLine($"var performance = await {call}.ConfigureAwait(false);");
                writer.WriteLine($"invocation.SetPerformance({performance}, performance);");
                break;
        }

        writer.CloseBlock();
    }

    private static string PythonConverterName(string invoker) => "FromPython" + invoker.Substring("Invoke".Length);

    private static string Argument(ParameterModel parameter, string invoker)
    {
        var id = Names.Literal(parameter.Identifier ?? string.Empty);
        var notNull = parameter.Optional ? string.Empty : "!";
        return parameter.Binding switch
        {
            ParameterBinding.Data when parameter.Python is not null => $"invocation.GetData<{parameter.DataTypeName}>({PythonConverterName(invoker)})",
            ParameterBinding.Data => $"invocation.GetData<{parameter.DataTypeName}>()",
            ParameterBinding.InputPath => $"invocation.GetInputPath({id}){notNull}",
            ParameterBinding.InputStream => $"invocation.OpenInput({id}){notNull}",
            ParameterBinding.InputPaths => $"invocation.GetInputPaths({id})",
            ParameterBinding.InputStreams => $"invocation.OpenInputs({id})",
            ParameterBinding.OutputPath => $"invocation.GetOutputPath({id})",
            ParameterBinding.OutputStream => $"invocation.CreateOutput({id})",
            ParameterBinding.PerformanceOutput => $"invocation.GetPerformanceOutput({id})",
            ParameterBinding.TaskProperties => "invocation.TaskProperties",
            ParameterBinding.CancellationToken => "invocation.CancellationToken",
            _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter.Binding, "Unknown parameter binding."),
        };
    }
}
