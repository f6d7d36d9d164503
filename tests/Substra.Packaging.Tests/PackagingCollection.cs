namespace Substra.Packaging.Tests;

/// <summary>The packaging tests share one tagged clone and its packs (minutes of work), and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<TaggedClone>
{
    public const string Name = "Packaging";
}
