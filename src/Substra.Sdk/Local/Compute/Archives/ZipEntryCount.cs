using System.Buffers.Binary;

namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>
/// The entry count a zip declares in its end-of-central-directory record (zip64 included), read without loading the
/// central directory: a zip of millions of tiny entries is refused before they are in memory. Reading the central
/// directory then fails if it holds another count.
/// </summary>
internal static class ZipEntryCount
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const int EndSize = 22;
    private const int Zip64LocatorSize = 20;

    /// <summary>The declared count, or null when the records are not found (the zip reader then reports the damage).</summary>
    public static long? Read(Stream zip)
    {
        var tailLength = (int)Math.Min(zip.Length, EndSize + ushort.MaxValue);
        var tail = new byte[tailLength];
        zip.Seek(-tailLength, SeekOrigin.End);
        zip.ReadExactly(tail);
        for (var at = tailLength - EndSize; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndSignature)
            {
                continue;
            }

            long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            if (count == ushort.MaxValue && at >= Zip64LocatorSize &&
                BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at - Zip64LocatorSize)) == Zip64LocatorSignature)
            {
                count = Zip64Count(zip, BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(at - Zip64LocatorSize + 8))) ?? count;
            }

            zip.Position = 0;
            return count;
        }

        zip.Position = 0;
        return null;
    }

    private static long? Zip64Count(Stream zip, long recordOffset)
    {
        if (recordOffset < 0 || recordOffset > zip.Length - 40)
        {
            return null;
        }

        Span<byte> record = stackalloc byte[40];
        zip.Position = recordOffset;
        zip.ReadExactly(record);
        return BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndSignature
            ? (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record[32..]), long.MaxValue)
            : null;
    }
}
