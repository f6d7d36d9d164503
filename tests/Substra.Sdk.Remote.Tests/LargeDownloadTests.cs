using Substra.Sdk.Remote.Tests.Infrastructure;
using Substra.Sdk.Remote.Tests.Platform;

namespace Substra.Sdk.Remote.Tests;

/// <summary>Downloads stream to disk: a 200 MB model never sits in memory.</summary>
[Collection(MemoryHungryCollection.Name)]
public sealed class LargeDownloadTests : PlatformTest
{
    private const long ModelLength = 200L * 1024 * 1024;
    private const long AllowedGrowth = 50L * 1024 * 1024;

    [Fact]
    public async Task A_200_MB_model_is_downloaded_with_less_than_50_MB_of_memory_growth()
    {
        Platform.Store.GeneratedModels["big"] = ModelLength;
        var destination = Temp.Combine("model_big");
        // Warm up the path (JIT, connection, pools) so the baseline includes what any download needs.
        Platform.Store.GeneratedModels["small"] = 1024 * 1024;
        await Backend.DownloadModelAsync("small", Temp.Combine("model_small"), None);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = PeakMemorySampler.Current();

        long peak;
        await using (var sampler = new PeakMemorySampler())
        {
            await Backend.DownloadModelAsync("big", destination, None);
            peak = sampler.Peak;
        }

        var growth = peak - baseline;
        Assert.True(growth < AllowedGrowth, $"the working set grew by {growth / (1024 * 1024)} MB (baseline {baseline / (1024 * 1024)} MB)");
        Assert.Equal(ModelLength, new FileInfo(destination).Length);
        await using var file = File.OpenRead(destination);
        foreach (var offset in new[] { 0L, 12_345_678L, ModelLength / 2, ModelLength - 1 })
        {
            file.Position = offset;
            Assert.Equal(GeneratedContent.ByteAt(offset), (byte)file.ReadByte());
        }
    }
}
