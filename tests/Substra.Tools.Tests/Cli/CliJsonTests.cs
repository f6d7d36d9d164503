using Substra.Tools.Cli;

namespace Substra.Tools.Tests.Cli;

public sealed class CliJsonTests
{
    [Fact]
    public void Values_keep_their_types_and_property_order()
    {
        var value = CliJson.Parse(""" { "b": [1, -2.5e3, true, false, null], "a": "x\"\\\/\n\u00e9" } """);

        var properties = Assert.IsType<CliJsonObject>(value);
        Assert.Equal(["b", "a"], properties.Select(property => property.Key));
        var items = Assert.IsType<List<object?>>(properties[0].Value);
        Assert.Equal(new CliJsonNumber("1", IsInteger: true), items[0]);
        Assert.Equal(new CliJsonNumber("-2.5e3", IsInteger: false), items[1]);
        Assert.Equal(true, items[2]);
        Assert.Equal(false, items[3]);
        Assert.Null(items[4]);
        Assert.Equal("x\"\\/\n\u00e9", properties[1].Value);
        Assert.Equal("""{"b": [1, -2.5e3, true, false, null], "a": "x\"\\/\n\u00e9"}""", PythonJson.Format(value));
    }

    [Theory]
    [InlineData("", "Expecting value: line 1 column 1 (char 0)")]
    [InlineData("[1,]", "Expecting value: line 1 column 4 (char 3)")]
    [InlineData("{\"a\" 1}", "Expecting ':' delimiter: line 1 column 6 (char 5)")]
    [InlineData("{'a': 1}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)")]
    [InlineData("[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)")]
    [InlineData("\"abc", "Unterminated string starting at: line 1 column 1 (char 0)")]
    [InlineData("[] x", "Extra data: line 1 column 4 (char 3)")]
    [InlineData("01", "Extra data: line 1 column 2 (char 1)")]
    [InlineData("\"\\q\"", "Invalid \\escape: line 1 column 2 (char 1)")]
    public void Invalid_json_says_where_as_python_does(string text, string message)
        => Assert.Equal(message, Assert.Throws<FormatException>(() => CliJson.Parse(text)).Message);
}
