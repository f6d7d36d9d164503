namespace Substra.Tools.Python;

/// <summary>
/// A column in Arrow's layout: <paramref name="Values"/> holds <paramref name="Length"/> little-endian values,
/// <paramref name="Validity"/> one bit per value (set: present, least significant bit first).
/// </summary>
public readonly record struct PythonArrowBuffers(ReadOnlyMemory<byte> Values, ReadOnlyMemory<byte> Validity, int Length, int NullCount);
