using Substra.Sdk.Local.Compute;

namespace Substra.Sdk.Docker.Bench;

/// <summary>
/// Passes tasks to the real spawner; when <see cref="CaptureFolder"/> is set, copies the next finished task's
/// <c>inputs/</c> and <c>cli-args/</c> there (outside any timing), so that a bare <c>docker run</c> can replay the very
/// same command line on the same inputs.
/// </summary>
internal sealed class CapturingSpawner(ITaskSpawner inner) : ITaskSpawner
{
    public string? CaptureFolder { get; set; }

    public async Task SpawnAsync(SpawnRequest request, CancellationToken cancellationToken)
    {
        await inner.SpawnAsync(request, cancellationToken).ConfigureAwait(false);
        if (CaptureFolder is { } folder)
        {
            CaptureFolder = null;
            foreach (var volume in new[] { "inputs", "cli-args" })
            {
                var target = Path.Combine(folder, volume);
                Directory.CreateDirectory(target);
                foreach (var file in Directory.GetFiles(Path.Combine(request.TaskDirectory, volume)))
                {
                    File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
                }
            }
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
