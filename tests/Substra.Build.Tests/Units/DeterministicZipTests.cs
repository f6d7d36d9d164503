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

    [Fact]
    public void Archives_say_they_were_made_on_unix_whatever_machine_wrote_them()
    {
        var archive = DeterministicZip.Create([new("Dockerfile", Encoding.UTF8.GetBytes("FROM scratch\n")), new("app.dll", [1, 2, 3])]);
        var headers = CentralDirectoryHeaders(archive);
        Assert.Equal(2, headers.Count);
        Assert.All(headers, header => Assert.Equal(3, archive[header + 5]));

        // As ZipArchive writes it on Windows: system 0 (FAT), which would change the archive's sha256.
        var fromWindows = archive.ToArray();
        headers.ForEach(header => fromWindows[header + 5] = 0);
        DeterministicZip.MarkMadeByUnix(fromWindows);

        Assert.Equal(archive, fromWindows);
    }

    [Fact]
    public void More_than_65535_entries_are_marked_through_the_zip64_records()
    {
        var entries = Enumerable.Range(0, 70_000).Select(index => new ArchiveEntry($"f{index:x5}", [])).ToList();
        var archive = DeterministicZip.Create(entries);
        var headers = CentralDirectoryHeaders(archive);
        Assert.Equal(70_000, headers.Count);

        var fromWindows = archive.ToArray();
        headers.ForEach(header => fromWindows[header + 5] = 0);
        DeterministicZip.MarkMadeByUnix(fromWindows);

        Assert.Equal(archive, fromWindows);
    }

    [Fact]
    public void An_unexpected_layout_is_reported_not_patched_blindly()
    {
        var failure = Assert.Throws<NotSupportedException>(() => DeterministicZip.MarkMadeByUnix(Encoding.UTF8.GetBytes(new string('x', 100))));
        Assert.Contains("end of central directory", failure.Message, StringComparison.Ordinal);
    }

    // Positions of "PK\x01\x02"; the entries of these tests are too small to contain that sequence themselves.
    private static List<int> CentralDirectoryHeaders(byte[] archive)
    {
        var headers = new List<int>();
        for (var index = archive.AsSpan().IndexOf("PK\x01\x02"u8); index >= 0;)
        {
            headers.Add(index);
            var next = archive.AsSpan(index + 4).IndexOf("PK\x01\x02"u8);
            index = next < 0 ? -1 : index + 4 + next;
        }

        return headers;
    }
}
