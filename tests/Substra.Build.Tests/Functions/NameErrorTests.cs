using Substra.Build.Tests.Infrastructure;

namespace Substra.Build.Tests.Functions;

/// <summary>
/// Bad function names fail the build on the attribute in the user's source (generator errors), never on the build
/// targets; the build task's name checks only catch metadata written by hand. Every code links to its docs section.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class NameErrorTests
{
    private const string DocsUrl = "https://github.com/Substra/Substra.Framework/blob/main/docs/";

    [Fact]
    public async Task An_invalid_function_name_is_SUB032_on_the_attribute()
    {
        using var project = TestProject.Create("Demo.BadName", "Exe");
        project.WriteFile("Functions.cs", Functions("""[SubstraFunction("train model")]""", """[SubstraFunction("predict")]"""));

        var result = await project.BuildAsync();

        Assert.False(result.Succeeded, result.ToString());
        // Line 7, column 22: the string in [SubstraFunction("train model")].
        Assert.Contains("Functions.cs(7,22): error SUB032: The function name 'train model' cannot name its artifact files: it contains a space;", result.Output, StringComparison.Ordinal);
        // The compiler ends the message with the diagnostic's help link.
        Assert.Contains($"at most 128 characters ({DocsUrl}generator.md#sub032)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SUBB", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Substra.Build.targets", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_names_differing_only_in_case_are_SUB033_on_both_attributes()
    {
        using var project = TestProject.Create("Demo.CaseNames", "Exe");
        project.WriteFile("Functions.cs", Functions("""[SubstraFunction("train")]""", """[SubstraFunction("Train")]"""));

        var result = await project.BuildAsync();

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("Functions.cs(7,22): error SUB033: The function name 'train' differs only in case from 'Train' (Demo.DemoFunctions.Predict)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Functions.cs(10,22): error SUB033: The function name 'Train' differs only in case from 'train' (Demo.DemoFunctions.Train)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SUBB", result.Output, StringComparison.Ordinal);
    }

    // The safety net: metadata the generator did not write reaches the task, which refuses it with a linked code.
    [Fact]
    public async Task Hand_written_metadata_with_an_invalid_name_is_SUBB007_with_its_help_link()
    {
        using var project = TestProject.Create("Demo.HandWritten", "Exe");
        project.WriteFile("Program.cs", """
            [assembly: Substra.Tools.Metadata.SubstraFunctionMetadata("train model", "{\"name\":\"train model\",\"inputs\":[],\"outputs\":[]}", null)]

            internal static class Program
            {
                public static void Main()
                {
                }
            }
            """);

        var result = await project.BuildAsync("-tl:on");

        Assert.False(result.Succeeded, result.ToString());
        // The terminal logger shows the code as a link (OSC 8) to its section.
        Assert.Contains($"\u001b]8;;{DocsUrl}packaging.md#subb007\u001b\\SUBB007\u001b]8;;\u001b\\", result.Output, StringComparison.Ordinal);
        Assert.Contains("The function name 'train model' recorded in the assembly cannot name its artifact files: it contains a space;", result.Output, StringComparison.Ordinal);
        Assert.Contains($"(SUB032) and never records it, so this one comes from a SubstraFunctionMetadata attribute written by hand: rename the function there. ({DocsUrl}packaging.md#subb007)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hand_written_metadata_with_names_differing_in_case_is_SUBB008()
    {
        using var project = TestProject.Create("Demo.HandWrittenCase", "Exe");
        project.WriteFile("Program.cs", """
            [assembly: Substra.Tools.Metadata.SubstraFunctionMetadata("train", "{\"name\":\"train\",\"inputs\":[],\"outputs\":[]}", null)]
            [assembly: Substra.Tools.Metadata.SubstraFunctionMetadata("Train", "{\"name\":\"Train\",\"inputs\":[],\"outputs\":[]}", null)]

            internal static class Program
            {
                public static void Main()
                {
                }
            }
            """);

        var result = await project.BuildAsync();

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("error SUBB008: The assembly records several functions named 'train' ignoring case ('train', 'Train')", result.Output, StringComparison.Ordinal);
    }

    private static string Functions(string trainAttribute, string predictAttribute) => $$"""
        using Substra.Tools;

        namespace Demo;

        public static partial class DemoFunctions
        {
            {{trainAttribute}}
            public static void Train([ModelOutput("model")] string model) => File.WriteAllText(model, "1");

            {{predictAttribute}}
            public static void Predict([ModelInput("model")] string model, [ModelOutput("predictions")] string predictions) => File.Copy(model, predictions);
        }
        """;
}
