using System.Text;
using Substra.Tools.Python;
using Substra.Tools.Tests.Support;

namespace Substra.Tools.Tests.Python;

/// <summary>
/// The .NET side of the bridge on files written by the bridge script itself (real Python, numpy and pandas), and on
/// hostile or damaged output folders: nothing outside the folder is read, sizes are checked before allocating.
/// </summary>
public sealed class BridgeResultTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Numbers_widen_and_refuse_what_would_lose_meaning()
    {
        var value = Bridge("""
            import numpy as np
            result = (np.array([1, 2**40], dtype=np.int64), np.array([1.5, np.nan], dtype=np.float32), np.array([[True, False]]))
            """);

        Assert.Equal([1.0, 1099511627776.0], value.Item(0, 3, null).ToArray<double>());
        Assert.Equal([1L, 1099511627776L], value.Item(0, 3, null).ToArray<long>());
        var tooBig = Assert.Throws<PythonDataException>(() => value.Item(0, 3, null).ToArray<int>());
        Assert.Equal("the result[0] has the value 1099511627776 at index 1, which does not fit in int: use long.", tooBig.Message);
        Assert.Equal([1.5, null], value.Item(1, 3, null).ToArray<double?>());
        Assert.True(double.IsNaN(value.Item(1, 3, null).ToArray<double>()[1]));
        var notLong = Assert.Throws<PythonDataException>(() => value.Item(1, 3, null).ToArray<long>());
        Assert.Equal("the result[1] holds 32-bit floats (dtype float32), which cannot be read as long: declare it as double or float, or convert it in the opener.", notLong.Message);
        Assert.Equal(new[,] { { true, false } }, value.Item(2, 3, null).ToMatrix<bool>());
        var notVector = Assert.Throws<PythonDataException>(() => value.Item(2, 3, null).ToArray<bool>());
        Assert.Equal(
            "the result[2] is a numpy.ndarray of shape (1, 2) and dtype bool: 2 dimensions, but bool[] needs 1: use bool[,] or bool[][], or flatten it in the opener (ravel).",
            notVector.Message);
    }

    [Fact]
    public void Timestamps_keep_their_kind_and_nullable_integers_their_gaps()
    {
        var value = Bridge("""
            import pandas as pd
            result = pd.DataFrame({
                "naive": pd.to_datetime(["2024-03-01 12:30:00", None]),
                "aware": pd.to_datetime(["2024-03-01 12:30:00+02:00", "2024-03-02 00:00:00+02:00"]),
                "count": pd.array([3, None], dtype="Int64"),
            }, index=pd.Index(["a", "b"], name="key"))
            """);

        var table = value.ToTable("test");
        Assert.True(table.IndexKept);
        Assert.Equal(["key", "naive", "aware", "count"], table.Columns.Select(column => column.Name));
        var naive = table.Column("naive", null, "T.Naive").ToArray<DateTime?>();
        Assert.Equal(new DateTime(2024, 3, 1, 12, 30, 0, DateTimeKind.Unspecified), naive[0]);
        Assert.Equal(DateTimeKind.Unspecified, naive[0]!.Value.Kind);
        Assert.Null(naive[1]);
        var aware = table.Column("aware", null, "T.Aware").ToArray<DateTime>();
        Assert.Equal(new DateTime(2024, 3, 1, 10, 30, 0, DateTimeKind.Utc), aware[0]);
        Assert.Equal(DateTimeKind.Utc, aware[0].Kind);
        Assert.Equal([3L, null], table.Column("Count", null, "T.Count").ToArray<long?>());
        var gap = Assert.Throws<PythonDataException>(() => table.Column("count", null, "T.Count").ToArray<long>("T.Count"));
        Assert.StartsWith("the result column 'count' has a missing value at row 1, which long (T.Count) cannot hold: declare it long? to accept missing values", gap.Message, StringComparison.Ordinal);
        var buffers = table.Column("count", null, "T.Count").ToArrowBuffers<long>();
        Assert.Equal((2, 1, (byte)1), (buffers.Length, buffers.NullCount, buffers.Validity.Span[0]));
    }

    [Fact]
    public void A_manifest_naming_a_file_outside_the_folder_is_refused()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "manifest.json"),
            """{"format": "substra-python-bridge", "version": 1, "value": {"kind": "array", "type": "numpy.ndarray", "shape": [1], "dtype": "float64", "source_dtype": "float64", "data": "../../etc/passwd", "missing": null}}""");

        var error = Assert.Throws<InvalidDataException>(() => BridgeResult.Read(_folder.Path));

        Assert.Equal("The Python bridge wrote an invalid manifest.json: '../../etc/passwd' is not a data file name.", error.Message);
    }

    [Fact]
    public void An_npy_file_shorter_than_its_shape_is_refused_before_allocating()
    {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000,), }";
        var padded = header.PadRight(118) + "\n";
        using (var stream = File.Create(Path.Combine(_folder.Path, "0.npy")))
        {
            stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)padded.Length, 0]);
            stream.Write(Encoding.ASCII.GetBytes(padded));
            stream.Write(new byte[16]);
        }

        File.WriteAllText(Path.Combine(_folder.Path, "manifest.json"),
            """{"format": "substra-python-bridge", "version": 1, "value": {"kind": "array", "type": "numpy.ndarray", "shape": [2000000000], "dtype": "float64", "source_dtype": "float64", "data": "0.npy", "missing": null}}""");

        var error = Assert.Throws<InvalidDataException>(() => BridgeResult.Read(_folder.Path));

        Assert.StartsWith("The Python bridge file", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("its data is 16 bytes, expected 16000000000.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_size_beyond_an_array_is_refused()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "manifest.json"),
            """{"format": "substra-python-bridge", "version": 1, "value": {"kind": "array", "type": "numpy.ndarray", "shape": [100000000000], "dtype": "float64", "source_dtype": "float64", "data": "0.npy", "missing": null}}""");

        var error = Assert.Throws<InvalidDataException>(() => BridgeResult.Read(_folder.Path));

        Assert.Equal($"The Python bridge wrote an invalid manifest.json: the size 100000000000 is not a count of at most {int.MaxValue}.", error.Message);
    }

    /// <summary>Runs the bridge script on an opener whose get_data returns <c>result</c> as the code sets it.</summary>
    private PythonValue Bridge(string code)
    {
        var opener = _folder.WriteFile("opener.py",
            "import substratools as tools\n\n\ndef make():\n" + string.Join('\n', code.Split('\n').Select(line => "    " + line)) + "\n    return result\n\n\n"
            + "class TestOpener(tools.Opener):\n    def get_data(self, folders):\n        return make()\n\n    def fake_data(self, n_samples=None):\n        return make()\n");
        var script = _folder.Combine("substra_bridge.py");
        File.WriteAllBytes(script, BridgeScript.Bytes);
        var output = Directory.CreateDirectory(_folder.Combine("result")).FullName;
        using var process = ProcessRunner.Start(Fixtures.PythonExecutable, ["-B", script, "--opener", opener, "--output", output, "--fake-data", "1"], _folder.Path);
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return BridgeResult.Read(output);
    }
}
