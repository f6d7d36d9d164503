using Substra.Tools.Cli;

namespace Substra.Tools.Tests.Cli;

public sealed class TaskResourcesTests
{
    [Fact]
    public void Format_writes_python_json_dumps_text()
    {
        var text = TaskResources.Format([new TaskResource("model", "/a \"b\"\\c\u00e9\t", false), new TaskResource("x", "/y", true)]);

        Assert.Equal("""[{"id": "model", "value": "/a \"b\"\\c\u00e9\t", "multiple": false}, {"id": "x", "value": "/y", "multiple": true}]""", text);
    }

    [Fact]
    public void Backslashes_are_replaced_before_parsing()
    {
        var resources = TaskResources.Parse("""[{"id": "model", "value": "C:\\tasks\\in", "multiple": false}]""", "--inputs");

        Assert.Equal("C://tasks//in", Assert.Single(resources).Value);
    }

    [Fact]
    public void Multiple_ids_may_repeat()
    {
        var resources = TaskResources.Parse(
            """[{"id": "m", "value": "/1", "multiple": true}, {"id": "m", "value": "/2", "multiple": true}]""", "--inputs");

        Assert.Equal(["/1", "/2"], resources.Select(resource => resource.Value));
    }

    [Fact]
    public void Empty_keys_are_reported_as_such()
    {
        var exception = Assert.Throws<InvalidCliException>(() => TaskResources.Parse("[{}]", "--outputs"));

        Assert.Equal("invalid --outputs: item 0 must have exactly the keys id, value, multiple, got no keys", exception.Message);
    }
}
