namespace Substra.Tools.Python;

/// <summary>The bridge script shipped inside Substra.Tools (an embedded resource), written next to each run's output.</summary>
internal static class BridgeScript
{
    public const string FileName = "substra_bridge.py";

    private static readonly Lazy<byte[]> Content = new(() =>
    {
        using var stream = typeof(BridgeScript).Assembly.GetManifestResourceStream("Substra.Tools.Python." + FileName)
            ?? throw new InvalidOperationException($"The bridge script {FileName} is missing from Substra.Tools.dll.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    public static byte[] Bytes => Content.Value;
}
