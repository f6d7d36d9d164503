using Substra.Tools.Plans;
using Substra.Tools.Schema;
using Xunit;

namespace Substra.Generators.Tests;

/// <summary>The slot and handle base types of Substra.Tools.Plans: small, immutable, value-equal, validated.</summary>
public sealed class PlanSlotTests
{
    [Fact]
    public void SlotsHaveValueEquality()
    {
        Assert.Equal(new ModelInputSlot("model", Optional: true), new ModelInputSlot("model", Optional: true));
        Assert.NotEqual(new ModelInputSlot("model"), new ModelInputSlot("model", Optional: true));
        Assert.Equal(new PerformanceOutputSlot("accuracy"), new PerformanceOutputSlot("accuracy"));
        Assert.NotEqual<OutputSlot>(new ModelOutputSlot("x"), new PerformanceOutputSlot("x"));
        Assert.NotEqual<InputSlot>(new ModelInputSlot("x"), new MultipleModelInputSlot("x"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void EmptyIdentifierIsRejected(string identifier)
    {
        var exception = Assert.Throws<ArgumentException>(() => new ModelOutputSlot(identifier));

        Assert.StartsWith("A slot identifier must be a non-empty function input or output identifier.", exception.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new MultipleModelInputSlot(identifier));
    }

    [Fact]
    public void HandleExposesNameSchemaAndDataUse()
    {
        var schema = new FunctionSchema("train", [], [], null);
        var handle = new TestHandle(schema);

        Assert.Equal("train", handle.Name);
        Assert.Same(schema, handle.Schema);
        Assert.True(handle.UsesData);
        Assert.Equal(handle, new TestHandle(schema));
    }

    private sealed record TestHandle(FunctionSchema Schema) : FunctionHandle(Schema, UsesData: true);
}
