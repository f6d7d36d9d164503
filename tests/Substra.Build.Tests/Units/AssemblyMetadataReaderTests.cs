using Substra.Build.Metadata;
using Substra.Tools.Metadata;

[assembly: SubstraFunctionMetadata("unit-fn", """{"name":"unit-fn","inputs":[],"outputs":[]}""", null)]
[assembly: SubstraOpenerMetadata("unit-opener", typeof(Substra.Build.Tests.Units.AssemblyMetadataReaderTests.NestedFactory), "Doc.")]

namespace Substra.Build.Tests.Units;

public sealed class AssemblyMetadataReaderTests
{
    [Fact]
    public void Reads_function_and_opener_attributes_without_loading_the_assembly()
    {
        var metadata = AssemblyMetadataReader.Read(typeof(AssemblyMetadataReaderTests).Assembly.Location);

        Assert.Equal([new FunctionMetadata("unit-fn", """{"name":"unit-fn","inputs":[],"outputs":[]}""", null)], metadata.Functions);
        Assert.Equal(
            [new OpenerMetadata("unit-opener", "Substra.Build.Tests.Units.AssemblyMetadataReaderTests+NestedFactory", "Doc.")],
            metadata.Openers);
    }

    [Fact]
    public void An_assembly_without_metadata_has_no_functions()
    {
        var metadata = AssemblyMetadataReader.Read(typeof(Xunit.FactAttribute).Assembly.Location);

        Assert.Empty(metadata.Functions);
        Assert.Empty(metadata.Openers);
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_reported()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a PE file");
            Assert.ThrowsAny<BadImageFormatException>(() => AssemblyMetadataReader.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    public sealed class NestedFactory;
}
