using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Substra.Tools.Python;

/// <summary>
/// Reads the <c>.npy</c> files the bridge writes (numpy's format, versions 1 to 3): C order, little-endian <c>&lt;f8</c>,
/// <c>&lt;f4</c>, <c>&lt;i8</c> or <c>|b1</c>. The element count and the file length are checked before anything is allocated.
/// </summary>
internal static partial class NpyFile
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static Array Read(string path, string descr, long expectedCount)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new NotSupportedException("The Python bridge reads .npy files on little-endian machines only.");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var (headerDescr, fortranOrder, shape) = ReadHeader(stream, path);
        if (headerDescr != descr || fortranOrder)
        {
            throw Invalid(path, $"it holds '{headerDescr}'{(fortranOrder ? " in Fortran order" : string.Empty)}, expected '{descr}' in C order");
        }

        var count = shape.Aggregate(1L, (product, size) => product * size);
        if (count != expectedCount)
        {
            throw Invalid(path, $"it holds {count} values, the manifest says {expectedCount}");
        }

        var itemSize = descr switch
        {
            "<f8" or "<i8" => 8,
            "<f4" => 4,
            "|b1" => 1,
            _ => throw Invalid(path, $"'{descr}' is not a dtype the bridge writes"),
        };
        if (stream.Length - stream.Position != count * itemSize || count > Array.MaxLength)
        {
            throw Invalid(path, $"its data is {stream.Length - stream.Position} bytes, expected {count * itemSize}");
        }

        var length = (int)count;
        return descr switch
        {
            "<f8" => Fill(stream, new double[length]),
            "<f4" => Fill(stream, new float[length]),
            "<i8" => Fill(stream, new long[length]),
            _ => Fill(stream, new bool[length]),
        };
    }

    private static T[] Fill<T>(Stream stream, T[] values)
        where T : struct
    {
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static (string Descr, bool FortranOrder, long[] Shape) ReadHeader(Stream stream, string path)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length || !prefix[..6].SequenceEqual(Magic))
        {
            throw Invalid(path, "it does not start with the .npy magic string");
        }

        var major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            Span<byte> size = stackalloc byte[2];
            stream.ReadExactly(size);
            headerLength = size[0] | (size[1] << 8);
        }
        else if (major is 2 or 3)
        {
            Span<byte> size = stackalloc byte[4];
            stream.ReadExactly(size);
            headerLength = BitConverter.ToInt32(size);
        }
        else
        {
            throw Invalid(path, $"its format version {major} is not 1, 2 or 3");
        }

        if (headerLength is <= 0 or > 1 << 20)
        {
            throw Invalid(path, $"its header length {headerLength} is out of range");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(header);
        var descr = DescrPattern().Match(text);
        var order = FortranPattern().Match(text);
        var shape = ShapePattern().Match(text);
        if (!descr.Success || !order.Success || !shape.Success)
        {
            throw Invalid(path, $"its header '{text.Trim()}' lacks descr, fortran_order or shape");
        }

        var sizes = shape.Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(size => long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Invalid(path, $"its shape '{shape.Groups[1].Value}' is not a tuple of sizes"))
            .ToArray();
        return (descr.Groups[1].Value, order.Groups[1].Value == "True", sizes);
    }

    private static InvalidDataException Invalid(string path, string reason)
        => new($"The Python bridge file '{path}' is not a valid .npy file: {reason}.");

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
