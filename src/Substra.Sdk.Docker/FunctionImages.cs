using System.Collections.Concurrent;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Archives;

namespace Substra.Sdk.Docker;

/// <summary>
/// The images of function archives, tagged <c>function-&lt;archive sha256&gt;</c>: built once, then reused by every task,
/// plan and run on the engine. Concurrent tasks of one function wait for a single build. The build context stops at
/// <paramref name="limits"/>. An image found once is remembered: the next tasks of the function ask the engine nothing.
/// </summary>
internal sealed class FunctionImages(DockerEngine engine, ArchiveLimits limits)
{
    // Process-wide: two spawners on one engine must not build the same tag twice either.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> BuildGates = new();

    private readonly ConcurrentDictionary<string, FunctionImage> _known = new(StringComparer.Ordinal);
    private int _buildCount;

    /// <summary>How many builds this instance ran (reuse is visible as a count that does not grow).</summary>
    public int BuildCount => Volatile.Read(ref _buildCount);

    public static string TagFor(string archiveChecksum)
    {
        if (archiveChecksum.Length != 64 || !archiveChecksum.All(Uri.IsHexDigit))
        {
            throw new BuildException(
                $"The archive checksum '{archiveChecksum}' is not a SHA-256 hex digest (64 hex characters); images are tagged with it.");
        }

        return "function-" + archiveChecksum.ToLowerInvariant();
    }

    /// <summary>The image for the archive, built if the engine does not have it yet.</summary>
    public async Task<FunctionImage> EnsureAsync(string archivePath, string archiveChecksum, CancellationToken cancellationToken)
    {
        var tag = TagFor(archiveChecksum);
        if (_known.TryGetValue(tag, out var known))
        {
            return known;
        }

        var gate = BuildGates.GetOrAdd($"{engine.Endpoint}|{tag}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var inspected = await TryInspectAsync(tag, cancellationToken).ConfigureAwait(false);
            if (inspected is null)
            {
                await BuildAsync(tag, archivePath, archiveChecksum, cancellationToken).ConfigureAwait(false);
                inspected = await TryInspectAsync(tag, cancellationToken).ConfigureAwait(false)
                    ?? throw new BuildException($"The engine reported no error building {tag}, but has no image with that tag.");
            }

            var image = new FunctionImage(tag, inspected.ID, inspected.Config?.User);
            _known[tag] = image;
            return image;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets an image the engine no longer has (removed behind the spawner's back): the next task finds or builds it again.</summary>
    public void Forget(string tag) => _known.TryRemove(tag, out _);

    public async Task<ImageInspectResponse?> TryInspectAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.Client.Images.InspectImageAsync(tag, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task BuildAsync(string tag, string archivePath, string archiveChecksum, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _buildCount);
        var log = new BuildLog();
        var parameters = new ImageBuildParameters
        {
            Tags = [tag],
            Remove = true,
            ForceRemove = true,
            // RUN steps get no network either: the engine may have no bridge, and functions must build offline.
            NetworkMode = "none",
            Labels = new Dictionary<string, string>
            {
                [DockerLabels.Framework] = "1",
                [DockerLabels.ArchiveChecksum] = archiveChecksum.ToLowerInvariant(),
            },
        };

        var context = await BuildContext.OpenAsync(archivePath, limits, cancellationToken).ConfigureAwait(false);
        await using var contextDisposal = context.ConfigureAwait(false);
        try
        {
            await engine.Client.Images.BuildImageFromDockerfileAsync(parameters, context, null, null, log, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            log.Append(e.ResponseBody);
            throw new BuildException($"Building the image {tag} of '{archivePath}' failed: {FirstLine(e.ResponseBody)}", log.Text, e);
        }

        if (log.Error is { } error)
        {
            throw new BuildException($"Building the image {tag} of '{archivePath}' failed: {error}", log.Text);
        }
    }

    private static string FirstLine(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(no message)";

    /// <summary>Collects the build output synchronously, in order (Progress&lt;T&gt; would post it to the thread pool).</summary>
    private sealed class BuildLog : IProgress<JSONMessage>
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _lock = new();

        public string? Error { get; private set; }

        public string Text
        {
            get { lock (_lock) return _text.ToString(); }
        }

        public void Append(string? text)
        {
            if (string.IsNullOrEmpty(text)) return;
            lock (_lock)
            {
                _text.Append(text);
                if (!text.EndsWith('\n')) _text.Append('\n');
            }
        }

        public void Report(JSONMessage value)
        {
            Append(value.Stream);
            if (value.Error?.Message is { Length: > 0 } message)
            {
                Error ??= message.Trim();
                Append(message);
            }
        }
    }
}
