using Microsoft.CodeAnalysis;
using Xunit;

namespace Substra.Generators.Tests;

/// <summary>One test per diagnostic: its id, its message (which says how to fix it) and where it points.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Substra.Tools;

        namespace Sample.Functions;

        public sealed record Samples(int Count);

        """;

    [Theory]
    [InlineData("opener", "opener (data manager) input", "model input", "[ModelInput(\"opener\")] string model")]
    [InlineData("datasamples", "data samples input", "model output", "[ModelOutput(\"datasamples\")] string model")]
    [InlineData("chainkeys", "chain keys of secure aggregation", "performance output", "[PerformanceOutput(\"chainkeys\")] PerformanceOutput score")]
    public void SUB001_ReservedIdentifier(string identifier, string reservedFor, string what, string parameter)
    {
        var diagnostic = Single(Function($"public void Run({parameter}) {{ }}"));

        Assert.Equal("SUB001", diagnostic.Id);
        Assert.Equal($"The identifier '{identifier}' is reserved by Substra for the {reservedFor}; choose another identifier for this {what}", diagnostic.GetMessage());
    }

    [Fact]
    public void SUB001_ReservedIdentifierOnReturnValue()
    {
        var diagnostic = Single(Function("[return: PerformanceOutput(\"opener\")] public double Run() => 1;"));

        Assert.Equal("SUB001", diagnostic.Id);
        Assert.Contains("'opener' is reserved", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[DataSamples] Samples a, [DataSamples] Samples b", "The parameter 'b' is a second [DataSamples] parameter")]
    [InlineData("[DataSamples] Samples? a", "The [DataSamples] parameter 'a' is nullable, which would make the opener optional")]
    [InlineData("[DataSamples] int? a", "The [DataSamples] parameter 'a' is nullable, which would make the opener optional")]
    [InlineData("[DataSamples] IReadOnlyList<Samples> a", "The [DataSamples] parameter 'a' is a list, which would make the opener multiple (wrap the samples in a type of your own)")]
    [InlineData("[DataSamples] Samples[] a", "The [DataSamples] parameter 'a' is a list, which would make the opener multiple (wrap the samples in a type of your own)")]
    public void SUB002_MultipleOrOptionalOpener(string parameters, string reason)
    {
        var diagnostic = Single(Function($"public void Run({parameters}) {{ }}"));

        Assert.Equal("SUB002", diagnostic.Id);
        Assert.Equal(
            reason + ": a task has exactly one opener, so a function takes at most one [DataSamples] parameter, of a non-nullable, non-list type (the TData its opener returns)",
            diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public void Run([PerformanceOutput(\"scores\")] IReadOnlyList<PerformanceOutput> scores) { }", "scores")]
    [InlineData("[return: PerformanceOutput(\"scores\")] public double[] Run() => [];", "scores")]
    [InlineData("public Task<IReadOnlyList<double>> Run() => Task.FromResult<IReadOnlyList<double>>([]);", "performance")]
    public void SUB003_MultiplePerformanceOutput(string method, string identifier)
    {
        var diagnostic = Single(Function(method));

        Assert.Equal("SUB003", diagnostic.Id);
        Assert.Equal(
            $"The performance output '{identifier}' is a list; a performance output holds one number: use a PerformanceOutput parameter or return double, and declare one output per metric",
            diagnostic.GetMessage());
    }

    [Fact]
    public void SUB004_DuplicateFunctionName()
    {
        var source = Usings + """
            public partial class A
            {
                [SubstraFunction("train")]
                public void Train() { }
            }

            public partial class B
            {
                [SubstraFunction("train")]
                public void TrainAgain() { }
            }
            """;

        var (diagnostics, result) = Diagnostics(source);

        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, static d => Assert.Equal("SUB004", d.Id));
        Assert.Equal(
            "The function name 'train' is also used by 'Sample.Functions.B.TrainAgain'; give each [SubstraFunction] method a unique name (it is what the platform registers and tasks refer to)",
            diagnostics[0].GetMessage());
        Assert.Equal(
            "The function name 'train' is also used by 'Sample.Functions.A.Train'; give each [SubstraFunction] method a unique name (it is what the platform registers and tasks refer to)",
            diagnostics[1].GetMessage());
        // On the names themselves, the attributes' arguments.
        Assert.Equal(["\"train\"", "\"train\""], diagnostics.Select(d => SourceAt(d, source)).ToArray());
        // The first one is still generated, so that the rest of the project keeps compiling.
        Assert.Contains(result.Results.Single().GeneratedSources, static s => s.HintName == "SubstraFunctionRegistry.g.cs");
    }

    [Fact]
    public void SUB004_NamesEveryOtherMethod()
    {
        var (diagnostics, _) = Diagnostics(Usings + """
            public partial class A { [SubstraFunction("train")] public void One() { } }
            public partial class B { [SubstraFunction("train")] public void Two() { } }
            public partial class Outer { public partial class C { [SubstraFunction("train")] public static void Three() { } } }
            """);

        Assert.Equal(
            ["The function name 'train' is also used by 'Sample.Functions.B.Two' and 'Sample.Functions.Outer.C.Three'",
             "The function name 'train' is also used by 'Sample.Functions.A.One' and 'Sample.Functions.Outer.C.Three'",
             "The function name 'train' is also used by 'Sample.Functions.A.One' and 'Sample.Functions.B.Two'"],
            diagnostics.Select(static d => d.GetMessage().Split(';')[0]).ToArray());
    }

    [Theory]
    [InlineData("[ModelInput(\"m\")] string a, [ModelInput(\"m\")] Stream b", "input", "m")]
    [InlineData("[ModelOutput(\"m\")] string a, [PerformanceOutput(\"m\")] PerformanceOutput b", "output", "m")]
    public void SUB005_DuplicateIdentifier(string parameters, string what, string identifier)
    {
        var diagnostic = Single(Function($"public void Run({parameters}) {{ }}"));

        Assert.Equal("SUB005", diagnostic.Id);
        Assert.Equal(
            $"The function 'run' declares the {what} identifier '{identifier}' more than once; identifiers must be unique among a function's {what}s, rename one of them",
            diagnostic.GetMessage());
    }

    [Fact]
    public void SUB005_ReturnedPerformanceCollidesWithParameter()
    {
        var diagnostic = Single(Function("public double Run([PerformanceOutput(\"performance\")] PerformanceOutput p) => 1;"));

        Assert.Equal("SUB005", diagnostic.Id);
        Assert.Contains("output identifier 'performance' more than once", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int count", "int", "mark it [DataSamples], [ModelInput(\"id\")], [ModelOutput(\"id\")] or [PerformanceOutput(\"id\")], or use TaskProperties or CancellationToken; services come through the class constructor")]
    [InlineData("PerformanceOutput score", "Substra.Tools.PerformanceOutput", "add [PerformanceOutput(\"identifier\")] to declare which output it is")]
    [InlineData("[ModelInput(\"m\")] byte[] m", "byte[]", "a [ModelInput] parameter must be a string (path), a Stream (opened for reading), IReadOnlyList<string> or IReadOnlyList<Stream> (multiple input)")]
    [InlineData("[ModelInput(\"m\")] List<string> m", "System.Collections.Generic.List<string>", "a [ModelInput] parameter must be a string (path), a Stream (opened for reading), IReadOnlyList<string> or IReadOnlyList<Stream> (multiple input)")]
    [InlineData("[ModelOutput(\"m\")] IReadOnlyList<string> m", "System.Collections.Generic.IReadOnlyList<string>", "a [ModelOutput] parameter must be a string (the path to write) or a Stream (a new file opened for writing)")]
    [InlineData("[PerformanceOutput(\"p\")] double p", "double", "a [PerformanceOutput] parameter must be of type Substra.Tools.PerformanceOutput (call Report(value) on it), or put the attribute on a double return value")]
    [InlineData("[ModelInput(\"a\"), ModelOutput(\"b\")] string m", "string", "it has several of [DataSamples], [ModelInput], [ModelOutput] and [PerformanceOutput]; keep exactly one")]
    [InlineData("[ModelOutput(\"m\")] out string m", "string", "ref, out, in and params parameters are not supported; pass it by value")]
    public void SUB006_UnsupportedParameter(string parameter, string type, string reason)
    {
        var name = parameter.Split(' ').Last();
        var body = parameter.Contains("out ", StringComparison.Ordinal) ? "{ m = \"\"; }" : "{ }";
        var source = Function($"public void Run({parameter}) {body}");
        var diagnostic = Single(source);

        Assert.Equal("SUB006", diagnostic.Id);
        Assert.Equal($"The parameter '{name}' of type '{type}' cannot be bound: {reason}", diagnostic.GetMessage());
        Assert.Equal(name, SourceAt(diagnostic, source));
    }

    [Theory]
    [InlineData("public int Run() => 1;", "int", "return void, Task or ValueTask, or a performance as double, Task<double> or ValueTask<double>; write models through [ModelOutput] parameters")]
    [InlineData("public Task<string> Run() => Task.FromResult(\"\");", "System.Threading.Tasks.Task<string>", "return void, Task or ValueTask, or a performance as double, Task<double> or ValueTask<double>; write models through [ModelOutput] parameters")]
    [InlineData("[return: PerformanceOutput(\"p\")] public Task Run() => Task.CompletedTask;", "System.Threading.Tasks.Task", "[return: PerformanceOutput] needs a double, Task<double> or ValueTask<double> return value; return the performance, or use a PerformanceOutput parameter")]
    public void SUB007_UnsupportedReturnType(string method, string type, string reason)
    {
        var diagnostic = Single(Function(method));

        Assert.Equal("SUB007", diagnostic.Id);
        Assert.Equal($"The function 'Functions.Run' returns '{type}': {reason}", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public class Functions { [SubstraFunction(\"run\")] public void Run() { } }", "Sample.Functions.Functions")]
    [InlineData("public class Outer { public partial class Functions { [SubstraFunction(\"run\")] public void Run() { } } }", "Sample.Functions.Outer")]
    [InlineData("public partial struct Functions { [SubstraFunction(\"run\")] public void Run() { } }", "Sample.Functions.Functions")]
    public void SUB008_TypeNotPartial(string declaration, string type)
    {
        var diagnostic = Single(Usings + declaration);

        Assert.Equal("SUB008", diagnostic.Id);
        Assert.Equal(
            $"The type '{type}' contains a [SubstraFunction] method, so it must be declared 'partial' (a class, and every type containing it too): the generator adds its typed handles to it",
            diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public partial class Functions { [SubstraFunction(\"run\")] private void Run() { } }")]
    [InlineData("public partial class Outer { private partial class Functions { [SubstraFunction(\"run\")] public void Run() { } } }")]
    [InlineData("file partial class Functions { [SubstraFunction(\"run\")] public void Run() { } }")]
    public void SUB009_FunctionNotAccessible(string declaration)
    {
        var diagnostic = Single(Usings + declaration);

        Assert.Equal("SUB009", diagnostic.Id);
        Assert.Equal(
            "The function method 'Functions.Run' must be public or internal, in public or internal types, so that the generated registry can call it",
            diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public partial class Functions { [SubstraFunction(\"run\")] public void Run<T>() { } }")]
    [InlineData("public partial class Functions<T> { [SubstraFunction(\"run\")] public void Run() { } }")]
    public void SUB010_GenericFunction(string declaration)
    {
        var diagnostic = Single(Usings + declaration);

        Assert.Equal("SUB010", diagnostic.Id);
        Assert.Equal(
            "The function method 'Functions.Run' is generic or declared in a generic type; the registry cannot choose type arguments: make the method and its containing types non-generic",
            diagnostic.GetMessage());
    }

    [Fact]
    public void SUB011_OpenerWithoutInterface()
    {
        var source = Usings + "[SubstraOpener] public sealed class MyOpener { }";
        var diagnostic = Single(source);

        Assert.Equal("SUB011", diagnostic.Id);
        Assert.Equal(
            "The [SubstraOpener] class 'Sample.Functions.MyOpener' must implement Substra.Tools.IOpener<TData>, where TData is the type functions receive through [DataSamples]",
            diagnostic.GetMessage());
        Assert.Equal("MyOpener", SourceAt(diagnostic, source));
    }

    [Fact]
    public void SUB012_MultipleOpeners()
    {
        var (diagnostics, _) = Diagnostics(Usings + """
            [SubstraOpener] public sealed class A : IOpener<Samples> { public Samples GetData(IReadOnlyList<string> f) => new(0); public Samples FakeData(int n) => new(n); }
            [SubstraOpener] public sealed class B : IOpener<Samples> { public Samples GetData(IReadOnlyList<string> f) => new(0); public Samples FakeData(int n) => new(n); }
            """);

        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, static d => Assert.Equal("SUB012", d.Id));
        Assert.All(diagnostics, static d => Assert.Equal(
            "The project declares several [SubstraOpener] classes (Source0.cs:10, Source0.cs:11); a data-provider project builds exactly one opener: move the others to projects of their own",
            d.GetMessage()));
    }

    [Fact]
    public void SUB013_MultipleStartups()
    {
        var (diagnostics, _) = Diagnostics(Usings + """
            [SubstraStartup] public sealed class A : ISubstraStartup { public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection s) { } }
            [SubstraStartup] public sealed class B : ISubstraStartup { public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection s) { } }
            """);

        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, static d => Assert.Equal("SUB013", d.Id));
        Assert.All(diagnostics, static d => Assert.Equal(
            "The project declares several [SubstraStartup] classes (Source0.cs:10, Source0.cs:11); keep one and move the other registrations into it",
            d.GetMessage()));
    }

    [Theory]
    [InlineData("public partial class Functions { [SubstraFunction(\"\")] public void Run() { } }", "function name", "Functions.Run")]
    [InlineData("public partial class Functions { [SubstraFunction(\"  \")] public void Run() { } }", "function name", "Functions.Run")]
    [InlineData("public partial class Functions { [SubstraFunction(\"run\")] public void Run([ModelInput(\"\")] string m) { } }", "model input identifier", "m")]
    [InlineData("[SubstraOpener(\"\")] public sealed class O : IOpener<Samples> { public Samples GetData(IReadOnlyList<string> f) => new(0); public Samples FakeData(int n) => new(n); }", "opener name", "O")]
    public void SUB014_EmptyName(string declaration, string what, string owner)
    {
        var diagnostic = Single(Usings + declaration);

        Assert.Equal("SUB014", diagnostic.Id);
        Assert.Equal($"The {what} on '{owner}' is empty; give a non-empty name (it is what the platform registers and tasks refer to)", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("[SubstraStartup] public sealed class S { }", "must implement Substra.Tools.ISubstraStartup")]
    [InlineData("[SubstraStartup] public sealed class S(int x) : ISubstraStartup { public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection s) { _ = x; } }", "needs a public or internal parameterless constructor: it runs before the container exists")]
    [InlineData("[SubstraStartup] public abstract class S : ISubstraStartup { public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection s) { } }", "is abstract or static; make it a concrete class")]
    public void SUB015_InvalidStartup(string declaration, string problem)
    {
        var diagnostic = Single(Usings + declaration);

        Assert.Equal("SUB015", diagnostic.Id);
        Assert.Equal($"The [SubstraStartup] class 'Sample.Functions.S' {problem}", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("string", "path")]
    [InlineData("Stream", "stream")]
    public void SUB016_OptionalInputNotNullable(string type, string name)
    {
        var diagnostic = Single(Function($"public void Run([ModelInput(\"model\", Optional = true)] {type} {name}) {{ }}"));

        Assert.Equal("SUB016", diagnostic.Id);
        var display = type == "Stream" ? "System.IO.Stream" : "string";
        Assert.Equal($"The optional input 'model' receives null when a task leaves it unset: declare the parameter '{name}' as '{display}?'", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public abstract class O", "is abstract or static; make it a concrete class")]
    [InlineData("public sealed class O<T>", "is generic; make it a non-generic class")]
    [InlineData("sealed file class O", "is not accessible to generated code; make it (and its containing types) public or internal")]
    public void SUB017_InvalidOpenerClass(string declaration, string problem)
    {
        var (diagnostics, _) = Diagnostics(Usings + $"[SubstraOpener(\"o\")] {declaration} : IOpener<Samples> {{ public Samples GetData(IReadOnlyList<string> f) => new(0); public Samples FakeData(int n) => new(n); }}");

        var diagnostic = Assert.Single(diagnostics, static d => d.Id == "SUB017");
        Assert.EndsWith(problem, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void SUB018_InstanceFunctionInAbstractClass()
    {
        var diagnostic = Single(Usings + "public abstract partial class Functions { [SubstraFunction(\"run\")] public void Run() { } }");

        Assert.Equal("SUB018", diagnostic.Id);
        Assert.Equal(
            "The function method 'Functions.Run' is an instance method of an abstract class, which the task's container cannot create: make the class concrete or the method static",
            diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public async void Run([ModelOutput(\"model\")] string model) => await File.WriteAllTextAsync(model, \"1\");")]
    [InlineData("public static async void Run() { await Task.Yield(); }")]
    public void SUB030_AsyncVoidFunction(string method)
    {
        var source = Function(method);
        var diagnostic = Single(source);

        Assert.Equal("SUB030", diagnostic.Id);
        Assert.Equal(
            "The function method 'Functions.Run' is 'async void': the task cannot wait for it, so the task ends and checks its outputs before the method has written them, and an exception it throws kills the process; declare it 'async Task' (or 'async Task<double>' to return a performance)",
            diagnostic.GetMessage());
        Assert.Equal("Run", SourceAt(diagnostic, source));
    }

    [Theory]
    [InlineData("public async Task Run([ModelOutput(\"model\")] string model) => await File.WriteAllTextAsync(model, \"1\");")]
    [InlineData("public void Run([ModelOutput(\"model\")] string model) => File.WriteAllText(model, \"1\");")]
    public void TaskAndSynchronousVoidFunctionsAreFine(string method)
    {
        var (diagnostics, _) = Diagnostics(Function(method));

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("public void Train([ModelInput(\"model\")] string model) { }", "[ModelInput]", "the attribute")]
    [InlineData("public void Train([DataSamples] Samples samples, [ModelOutput(\"model\")] Stream model) { }", "[DataSamples] and [ModelOutput]", "the attributes")]
    [InlineData("public static double Train([PerformanceOutput(\"a\")] PerformanceOutput a, [ModelInput(\"m\")] string m, [ModelInput(\"n\")] string n) => 1;", "[ModelInput] and [PerformanceOutput]", "the attributes")]
    [InlineData("[return: PerformanceOutput(\"accuracy\")] public double Train() => 1;", "[return: PerformanceOutput]", "the attribute")]
    [InlineData("[return: PerformanceOutput(\"accuracy\")] public Task<double> Train([ModelInput(\"model\")] string model) => Task.FromResult(1.0);", "[ModelInput] and [return: PerformanceOutput]", "the attributes")]
    public void SUB031_AttributesWithoutFunction(string method, string attributes, string remove)
    {
        var source = Usings + $$"""
            public partial class Functions
            {
                {{method}}
            }
            """;
        var diagnostic = Single(source);

        Assert.Equal("SUB031", diagnostic.Id);
        Assert.Equal(
            $"The method 'Functions.Train' uses {attributes} but has no [SubstraFunction] attribute, so it is not a function: no archive is built for it and no task can run it; add [SubstraFunction(\"name\")] to it, or remove {remove}",
            diagnostic.GetMessage());
        Assert.Equal("Train", SourceAt(diagnostic, source));
    }

    [Fact]
    public void SUB031_OnePerMethodAndNoneForFunctionsOrOtherCode()
    {
        var source = Usings + """
            public interface IScorer
            {
                double Score([ModelInput("model")] string model);
            }

            public delegate void Saver([ModelOutput("model")] string model);

            public partial class Functions
            {
                [SubstraFunction("train")]
                public void Train([ModelInput("model")] string model, [ModelOutput("out")] string output)
                {
                    static void Local([ModelOutput("model")] string path) { }
                    Local(output);
                }

                public override string ToString() => "";
            }
            """;
        var (diagnostics, _) = Diagnostics(source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("SUB031", diagnostic.Id);
        Assert.StartsWith("The method 'IScorer.Score' uses [ModelInput] but", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("my model", "it contains a space")]
    [InlineData("-train", "it starts with '-'")]
    [InlineData("_train", "it starts with '_'")]
    [InlineData("models/train", "it contains '/'")]
    [InlineData("entraîner", "it contains 'î' (U+00EE)")]
    [InlineData("train\t", "it contains the character U+0009")]
    [InlineData("train😀", "it contains '😀' (U+1F600)")]
    public void SUB032_InvalidFunctionName(string name, string problem)
    {
        var source = Usings + $$"""
            public partial class Functions
            {
                [SubstraFunction("{{name}}")]
                public void Run() { }
            }
            """;
        var (diagnostics, result) = Diagnostics(source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("SUB032", diagnostic.Id);
        Assert.Equal(
            $"The function name '{name}' cannot name its artifact files: {problem}; use ASCII letters, digits, '_', '-' and '.', starting with a letter or a digit, at most 128 characters",
            diagnostic.GetMessage());
        Assert.Equal($"\"{name}\"", SourceAt(diagnostic, source));
        // Never recorded, so the build tasks never see it.
        Assert.Empty(result.Results.Single().GeneratedSources);
    }

    [Fact]
    public void SUB032_NameTooLong()
    {
        var diagnostic = Single(Usings + $"public partial class Functions {{ [SubstraFunction(\"{new string('a', 129)}\")] public void Run() {{ }} }}");

        Assert.Equal("SUB032", diagnostic.Id);
        Assert.Contains("cannot name its artifact files: it is 129 characters long;", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train", "train.v2", "Train-2", "a")]
    [InlineData("0", "9.9", "model_1", "Z")]
    public void ValidNamesAreFine(params string[] names)
    {
        var functions = string.Concat(names.Select(static (name, index) => $"[SubstraFunction(\"{name}\")] public void Run{index}() {{ }}\n"));
        var (diagnostics, _) = Diagnostics(Usings + $"public partial class Functions {{ {functions} }}");

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("[SubstraOpener(\"csv data\")] public sealed class CsvOpener", "csv data", "it contains a space", "\"csv data\"")]
    [InlineData("[SubstraOpener] public sealed class Öffner", "Öffner", "it starts with 'Ö' (U+00D6)", "SubstraOpener")]
    public void SUB032_InvalidOpenerName(string declaration, string name, string problem, string at)
    {
        var source = Usings + declaration + " : IOpener<Samples> { public Samples GetData(IReadOnlyList<string> f) => new(0); public Samples FakeData(int n) => new(n); }";
        var diagnostic = Single(source);

        Assert.Equal("SUB032", diagnostic.Id);
        Assert.Equal(
            $"The opener name '{name}' cannot name its artifact files: {problem}; use ASCII letters, digits, '_', '-' and '.', starting with a letter or a digit, at most 128 characters",
            diagnostic.GetMessage());
        Assert.Equal(at, SourceAt(diagnostic, source));
    }

    [Fact]
    public void SUB033_NamesDifferingOnlyInCase()
    {
        var source = Usings + """
            public partial class A
            {
                [SubstraFunction("train")]
                public void Train() { }
            }

            public partial class B
            {
                [SubstraFunction("Train")]
                public void TrainAgain() { }
            }
            """;
        var (diagnostics, result) = Diagnostics(source);

        Assert.Equal(["SUB033", "SUB033"], diagnostics.Select(static d => d.Id).ToArray());
        Assert.Equal(
            "The function name 'train' differs only in case from 'Train' (Sample.Functions.B.TrainAgain): artifacts are files named after their function, and on case-insensitive file systems (Windows, macOS) they would overwrite each other; rename one of the functions",
            diagnostics[0].GetMessage());
        Assert.StartsWith("The function name 'Train' differs only in case from 'train' (Sample.Functions.A.Train):", diagnostics[1].GetMessage(), StringComparison.Ordinal);
        Assert.Equal(["\"train\"", "\"Train\""], diagnostics.Select(d => SourceAt(d, source)).ToArray());
        // One of them is recorded, so the build tasks never see two artifacts of one file name.
        var metadata = result.Results.Single().GeneratedSources.Single(static s => s.HintName == "SubstraFunctionMetadata.g.cs").SourceText.ToString();
        Assert.Single(metadata.Split('\n'), static line => line.Contains("SubstraFunctionMetadata(", StringComparison.Ordinal));
    }

    [Fact]
    public void SUB004AndSUB033Together()
    {
        var (diagnostics, _) = Diagnostics(Usings + """
            public partial class A { [SubstraFunction("train")] public void One() { } }
            public partial class B { [SubstraFunction("train")] public void Two() { } }
            public partial class C { [SubstraFunction("TRAIN")] public void Three() { } }
            """);

        Assert.Equal(
            ["SUB004: The function name 'train' is also used by 'Sample.Functions.B.Two'",
             "SUB033: The function name 'train' differs only in case from 'TRAIN' (Sample.Functions.C.Three)",
             "SUB004: The function name 'train' is also used by 'Sample.Functions.A.One'",
             "SUB033: The function name 'train' differs only in case from 'TRAIN' (Sample.Functions.C.Three)",
             "SUB033: The function name 'TRAIN' differs only in case from 'train' (Sample.Functions.A.One) and 'train' (Sample.Functions.B.Two)"],
            diagnostics.Select(static d => d.Id + ": " + d.GetMessage().Split(';', ':')[0]).ToArray());
    }

    [Fact]
    public void StaticFunctionInAbstractClassIsFine()
    {
        var (diagnostics, _) = Diagnostics(Usings + "public abstract partial class Functions { [SubstraFunction(\"run\")] public static void Run() { } }");

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("Samples", "Sample.Functions.Samples", "a single Samples is not supported: read the DataFrame's rows as IReadOnlyList<Samples> or Samples[]")]
    [InlineData("Empty[]", "Sample.Functions.Empty[]", "the record type Empty has no settable public property and no constructor parameter to bind columns to")]
    [InlineData("decimal[]", "decimal[]", "an array of decimal with rank 1 is not supported; " + Supported)]
    [InlineData("double[,,]", "double[*,*,*]", "an array of double with rank 3 is not supported; " + Supported)]
    [InlineData("IReadOnlyList<double>", "System.Collections.Generic.IReadOnlyList<double>", "a list of double is not supported: use the array double[]")]
    [InlineData("(double[] a, Stream b)", "(double[] a, System.IO.Stream b)", "the tuple element 'b' (System.IO.Stream): " + Supported)]
    [InlineData("IReadOnlyList<Row>", "System.Collections.Generic.IReadOnlyList<Sample.Functions.Row>", "the property Row.Tags is System.Collections.Generic.List<string>; record properties must be double, float, long, int, bool, string or DateTime (nullable allowed)")]
    [InlineData("Pair[]", "Sample.Functions.Pair[]", "the record type Pair has several public constructors with 1 parameters; keep one, or add a parameterless one and settable properties")]
    [InlineData("string", "string", Supported)]
    public void SUB019_UnsupportedPythonData(string type, string display, string reason)
    {
        var source = Function($"public void Run([DataSamples(PythonOpener = true)] {type} data) {{ }}") + """

            public sealed class Row { public string Name { get; set; } = ""; public List<string> Tags { get; set; } = []; }

            public sealed class Pair { public Pair(int a) { } public Pair(string b) { } }

            public sealed class Empty { public int Count { get; } }
            """;
        var diagnostic = Single(source);

        Assert.Equal("SUB019", diagnostic.Id);
        Assert.Equal($"The [DataSamples(PythonOpener = true)] parameter 'data' has the type '{display}', which the Python bridge cannot produce: {reason}", diagnostic.GetMessage());
        Assert.Equal("data", SourceAt(diagnostic, source));
    }

    [Fact]
    public void PythonOpenerParametersMayBeListsAndArrays()
    {
        var (diagnostics, result) = Diagnostics(Function("public void Run([DataSamples(PythonOpener = true)] (string[] Files, IReadOnlyList<Samples> Rows) data) { }"));

        Assert.Empty(diagnostics);
        var registry = result.Results.Single().GeneratedSources.Single(static s => s.HintName == "SubstraFunctionRegistry.g.cs").SourceText.ToString();
        Assert.Contains("{ ReadsPythonOpeners = true }", registry, StringComparison.Ordinal);
    }

    private const string Supported =
        "use Microsoft.Data.Analysis.DataFrame, an array of double, float, long, int, bool, string or DateTime (T[], T[,] or T[][], "
        + "nullable elements allowed), a value tuple of these (for a Python tuple, or a dict by element name), or a list or array of "
        + "records whose properties bind to DataFrame columns";

    [Fact]
    public void InvalidFunctionIsNotGeneratedButValidOnesAre()
    {
        var (diagnostics, result) = Diagnostics(Usings + """
            public partial class Functions
            {
                [SubstraFunction("good")] public void Good() { }
                [SubstraFunction("bad")] public int Bad() => 1;
            }
            """);

        Assert.Equal("SUB007", Assert.Single(diagnostics).Id);
        var registry = result.Results.Single().GeneratedSources.Single(static s => s.HintName == "SubstraFunctionRegistry.g.cs").SourceText.ToString();
        Assert.Contains("InvokeGood", registry, StringComparison.Ordinal);
        Assert.DoesNotContain("InvokeBad", registry, StringComparison.Ordinal);
    }

    private static string Function(string method) => Usings + $$"""
        public partial class Functions
        {
            [SubstraFunction("run")]
            {{method}}
        }
        """;

    private static Diagnostic Single(string source)
    {
        var (diagnostics, _) = Diagnostics(source);
        return Assert.Single(diagnostics);
    }

    private static (IReadOnlyList<Diagnostic> Diagnostics, GeneratorDriverRunResult Result) Diagnostics(string source)
    {
        var compilation = GeneratorHarness.CreateCompilation([source]);
        var (result, _, _) = GeneratorHarness.Run(compilation);
        return (result.Diagnostics.OrderBy(static d => d.Location.SourceSpan.Start).ToList(), result);
    }

    /// <summary>The identifier a diagnostic points at, read from the source.</summary>
    private static string SourceAt(Diagnostic diagnostic, string source)
    {
        Assert.Equal("/src/Source0.cs", diagnostic.Location.GetLineSpan().Path);
        return source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
    }
}
