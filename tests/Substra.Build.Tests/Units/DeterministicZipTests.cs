using System.IO.Compression;
using System.Text;
using Substra.Build.Archives;

namespace Substra.Build.Tests.Units;

public sealed class DeterministicZipTests
{
    [Fact]
    public void Same_entries_in_any_order_give_the_same_bytes()
    {
        var a = new ArchiveEntry("b/x.txt", Encoding.UTF8.GetBytes("x"));
        var b = new ArchiveEntry("Dockerfile", Encoding.UTF8.GetBytes("FROM scratch\n"));
        var c = new ArchiveEntry("a.dll", [1, 2, 3]);

        Assert.Equal(DeterministicZip.Create([a, b, c]), DeterministicZip.Create([c, a, b]));
    }

    [Fact]
    public void Entries_are_sorted_with_fixed_time()
    {
        using var zip = new ZipArchive(new MemoryStream(DeterministicZip.Create([new("z", [1]), new("A", [2]), new("a/b", [3])])));

        Assert.Equal(["A", "a/b", "z"], zip.Entries.Select(entry => entry.FullName));
        Assert.All(zip.Entries, entry => Assert.Equal(DeterministicZip.FixedTimestamp.DateTime, entry.LastWriteTime.DateTime));
    }

    [Fact]
    public void Duplicate_paths_are_refused()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => DeterministicZip.Create([new("x", [1]), new("x", [2])]));
        Assert.Contains("'x' twice", failure.Message, StringComparison.Ordinal);
    }
}
