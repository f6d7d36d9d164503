using Substra.Build.ReferencedArtifacts;

namespace Substra.Build.Tests.Units;

public sealed class ArtifactsClassWriterTests
{
    [Theory]
    [InlineData("train", "Train")]
    [InlineData("fedavg-csv", "FedavgCsv")]
    [InlineData("copy_injected", "CopyInjected")]
    [InlineData("2d.scan", "_2dScan")]
    public void Artifact_names_become_pascal_case_properties(string name, string property)
        => Assert.Equal(property, ArtifactsClassWriter.PropertyName(name));

    [Theory]
    [InlineData("my-fl.Plan", "my_fl.Plan")]
    [InlineData("Acme.Fl", "Acme.Fl")]
    [InlineData("2fl.class", "_2fl.@class")]
    [InlineData("", "SubstraGenerated")]
    [InlineData(null, "SubstraGenerated")]
    public void The_namespace_is_the_root_namespace_made_valid(string? rootNamespace, string expected)
        => Assert.Equal(expected, ArtifactsClassWriter.Namespace(rootNamespace));

    [Fact]
    public void Each_artifact_is_a_property_with_its_files_and_project()
    {
        string source = ArtifactsClassWriter.Write("my-fl.Plan",
        [
            new(ArtifactKind.Opener, "/w/data/bin/substra/openers/fedavg-csv.opener", "Data"),
            new(ArtifactKind.Function, "/w/fn/bin/substra/functions/train.zip", "Functions"),
            // The same project reached directly and transitively lists its files once.
            new(ArtifactKind.Function, "/w/fn/bin/substra/functions/train.zip", "Functions"),
            new(ArtifactKind.Function, "/w/a \"quoted\" folder/functions.zip", "Functions"),
        ]);

        Assert.Contains("namespace my_fl.Plan", source, StringComparison.Ordinal);
        Assert.Contains(
            """public static global::Substra.Sdk.Artifacts.BuiltFunction Train { get; } = new(@"train", @"/w/fn/bin/substra/functions/train.zip", @"/w/fn/bin/substra/functions/train.json", @"/w/fn/bin/substra/functions/train.md", @"Functions");""",
            source, StringComparison.Ordinal);
        Assert.Contains(
            """public static global::Substra.Sdk.Artifacts.BuiltOpener FedavgCsv { get; } = new(@"fedavg-csv", @"/w/data/bin/substra/openers/fedavg-csv.opener", @"/w/data/bin/substra/openers/fedavg-csv.md", @"Data");""",
            source, StringComparison.Ordinal);
        // A function named like its class gets a trailing underscore; quotes in a path are doubled in the verbatim string.
        Assert.Contains("""Functions_ { get; } = new(@"functions", @"/w/a ""quoted"" folder/functions.zip",""", source, StringComparison.Ordinal);
        Assert.Contains("new global::Substra.Sdk.Artifacts.BuiltFunction[] { Functions.Functions_, Functions.Train }", source, StringComparison.Ordinal);
        Assert.Single(source.Split('\n'), line => line.Contains(" Train { get; }", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_projects_building_a_function_of_the_same_name_are_a_conflict_naming_both()
    {
        var conflict = Assert.Throws<ArtifactsClassConflict>(() => ArtifactsClassWriter.Write("App",
        [
            new(ArtifactKind.Function, "/a/functions/train.zip", "A.Functions"),
            new(ArtifactKind.Function, "/b/functions/train.zip", "B.Functions"),
        ]));

        Assert.Contains("Several referenced projects build a function named 'train': A.Functions (/a/functions/train.zip), B.Functions (/b/functions/train.zip)", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("<SubstraArtifactsClass>false</SubstraArtifactsClass>", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_that_differ_only_by_separators_are_a_conflict()
    {
        var conflict = Assert.Throws<ArtifactsClassConflict>(() => ArtifactsClassWriter.Write("App",
        [
            new(ArtifactKind.Function, "/a/functions/score-v2.zip", "A"),
            new(ArtifactKind.Function, "/a/functions/score_v2.zip", "A"),
        ]));

        Assert.Contains("The functions 'score-v2' and 'score_v2' would both be SubstraArtifacts.Functions.ScoreV2", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_and_an_opener_may_share_a_name()
    {
        string source = ArtifactsClassWriter.Write("App",
        [
            new(ArtifactKind.Function, "/a/functions/mnist.zip", "A"),
            new(ArtifactKind.Opener, "/b/openers/mnist.opener", "B"),
        ]);

        Assert.Contains("BuiltFunction Mnist", source, StringComparison.Ordinal);
        Assert.Contains("BuiltOpener Mnist", source, StringComparison.Ordinal);
    }
}
