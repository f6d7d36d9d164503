using Docker.DotNet;
using Docker.DotNet.Models;

namespace Substra.Sdk.Docker;

/// <summary>
/// Containers created ahead of their task: while a task runs, the next container of its recipe (image and data samples)
/// is created, so that the next task of the recipe starts a container that exists instead of waiting for the engine to
/// make one (a task arriving while its recipe's spare is still being made waits for that one). A spare binds its volumes
/// through the <c>task</c> link of its slot folder, pointed at the task's folder just before the start (the engine
/// resolves bind sources when it starts a container). A spare runs one task at most, only of its own recipe. Spares are
/// made from a recipe's second task on (a recipe seen once may never come back), at most one per running task of the
/// recipe, and at most <see cref="MaxIdle"/> wait at once (the oldest goes first).
/// </summary>
/// <param name="engine">The engine the spares are created on.</param>
/// <param name="parameters">The container of a recipe, given its name and the folder holding its volumes.</param>
internal sealed class SpareContainers(DockerEngine engine, Func<ContainerRecipe, string, string, CreateContainerParameters> parameters)
{
    /// <summary>How a waiting spare is named; it takes its task's name when it is taken.</summary>
    public const string NamePrefix = "substra-spare-";

    /// <summary>The most spares waiting at once.</summary>
    public const int MaxIdle = 16;

    private const int MaxPerRecipe = 4;
    private const int MaxRememberedRecipes = 4096;
    private static readonly string[] Volumes = ["inputs", "outputs", "cli-args"];

    private readonly Lock _lock = new();
    private readonly List<Spare> _idle = [];
    private readonly List<Creation> _creating = [];
    private readonly Dictionary<string, int> _uses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);
    private bool _closed;

    /// <summary>A created container waiting for a task of <paramref name="Key"/>'s recipe; its volumes live in <paramref name="Slot"/>.</summary>
    internal sealed record Spare(string ContainerId, string Key, string Slot)
    {
        public string Link => Path.Combine(Slot, "task");
    }

    /// <summary>A spare being made; a task of its recipe may claim it before it is done.</summary>
    private sealed class Creation(string key)
    {
        public string Key { get; } = key;

        public bool Claimed { get; set; }

        public TaskCompletionSource<Spare?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Done { get; set; } = Task.CompletedTask;
    }

    /// <summary>
    /// A task of <paramref name="recipe"/> begins: takes a spare of the recipe if one waits, or the one being made (then
    /// waits for it); null when there is none, or it could not be made. A taken spare is the caller's.
    /// </summary>
    public async Task<Spare?> TakeAsync(ContainerRecipe recipe, CancellationToken cancellationToken)
    {
        Creation? claimed = null;
        lock (_lock)
        {
            if (_uses.Count >= MaxRememberedRecipes)
            {
                _uses.Clear();
            }

            _uses[recipe.Key] = _uses.GetValueOrDefault(recipe.Key) + 1;
            _running[recipe.Key] = _running.GetValueOrDefault(recipe.Key) + 1;
            if (_closed)
            {
                return null;
            }

            var index = _idle.FindIndex(spare => spare.Key == recipe.Key);
            if (index >= 0)
            {
                var taken = _idle[index];
                _idle.RemoveAt(index);
                return taken;
            }

            claimed = _creating.FirstOrDefault(creation => creation.Key == recipe.Key && !creation.Claimed);
            if (claimed is null)
            {
                return null;
            }

            claimed.Claimed = true;
        }

        try
        {
            return await claimed.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Given up on: the spare, once made, waits for the next task.
            _ = claimed.Result.Task.ContinueWith(made => ReturnAsync(made.Result), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
            throw;
        }
    }

    /// <summary>
    /// A task of <paramref name="recipe"/> started: while it runs (the engine is idle meanwhile), the next container of
    /// its recipe is made, with its slot in <paramref name="slotParent"/>.
    /// </summary>
    public void PrepareNext(ContainerRecipe recipe, string slotParent)
    {
        lock (_lock)
        {
            var waiting = _idle.Count(spare => spare.Key == recipe.Key) + _creating.Count(made => made.Key == recipe.Key && !made.Claimed);
            if (_closed || _uses.GetValueOrDefault(recipe.Key) < 2 || waiting >= Math.Min(_running.GetValueOrDefault(recipe.Key), MaxPerRecipe))
            {
                return;
            }

            var creation = new Creation(recipe.Key);
            _creating.Add(creation);
            // Set under the lock: closing waits for every creation it can see.
            creation.Done = Task.Run(() => CreateAsync(creation, recipe, slotParent));
        }
    }

    /// <summary>A task of <paramref name="recipe"/> ended (its container, spare or not, is the caller's to remove).</summary>
    public void End(ContainerRecipe recipe)
    {
        lock (_lock)
        {
            if (_running.TryGetValue(recipe.Key, out var running))
            {
                if (running <= 1)
                {
                    _running.Remove(recipe.Key);
                }
                else
                {
                    _running[recipe.Key] = running - 1;
                }
            }
        }
    }

    /// <summary>
    /// Points a taken spare's volumes at <paramref name="taskDirectory"/> and gives it the task's name. False when the
    /// spare cannot serve (removed behind our back, slot gone): it is discarded and the caller creates a container.
    /// </summary>
    public async Task<bool> AssignAsync(Spare spare, string taskDirectory, string name)
    {
        try
        {
            if (!Directory.Exists(spare.Slot))
            {
                throw new DirectoryNotFoundException($"The slot folder {spare.Slot} is gone.");
            }

            File.Delete(spare.Link);
            File.CreateSymbolicLink(spare.Link, taskDirectory);
            await engine.Client.Containers.RenameContainerAsync(spare.ContainerId, new ContainerRenameParameters { NewName = name }, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is DockerApiException or IOException or UnauthorizedAccessException)
        {
            await DiscardAsync(spare.ContainerId, spare.Slot).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>Deletes a taken spare's slot once its container started (its mounts are made) or failed to.</summary>
    public static void ReleaseSlot(Spare spare) => DeleteSlot(spare.Slot);

    /// <summary>Makes no more spares and removes the waiting ones, and those being made when they are done.</summary>
    public async Task CloseAsync()
    {
        List<Spare> idle;
        Task[] creations;
        lock (_lock)
        {
            _closed = true;
            idle = [.. _idle];
            _idle.Clear();
            creations = [.. _creating.Select(creation => creation.Done)];
        }

        await Task.WhenAll(idle.Select(spare => DiscardAsync(spare.ContainerId, spare.Slot)).Concat(creations)).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the spares a previous host of <paramref name="platformId"/> left waiting (killed before it could): never
    /// started, they hold nothing but the engine's record and a slot folder.
    /// </summary>
    public static async Task RemoveLeftoversAsync(DockerEngine engine, string platformId, CancellationToken cancellationToken)
    {
        var leftovers = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.PlatformId}={platformId}"] = true },
                ["name"] = new Dictionary<string, bool> { [NamePrefix] = true },
                ["status"] = new Dictionary<string, bool> { ["created"] = true },
            },
        }, cancellationToken).ConfigureAwait(false);
        foreach (var leftover in leftovers)
        {
            try
            {
                await engine.Client.Containers.RemoveContainerAsync(leftover.ID, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
            {
                // Removed meanwhile.
            }
        }
    }

    private async Task CreateAsync(Creation creation, ContainerRecipe recipe, string slotParent)
    {
        var slot = Path.Combine(slotParent, "spare-" + Guid.NewGuid().ToString("N"));
        Spare? spare = null;
        try
        {
            // The engine checks at creation that bind sources exist: the link points at empty folders until a task takes the spare.
            var placeholder = Path.Combine(slot, "placeholder");
            foreach (var volume in Volumes)
            {
                Directory.CreateDirectory(Path.Combine(placeholder, volume));
            }

            File.CreateSymbolicLink(Path.Combine(slot, "task"), placeholder);
            var name = NamePrefix + Guid.NewGuid().ToString("N")[..12];
            var created = await engine.Client.Containers.CreateContainerAsync(parameters(recipe, name, Path.Combine(slot, "task")), CancellationToken.None).ConfigureAwait(false);
            spare = new Spare(created.ID, recipe.Key, slot);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // A spare that cannot be made is no error: the task creates its own container.
            DeleteSlot(slot);
        }

        // One lock from "being made" to "waiting": a task beginning meanwhile finds it one way or the other.
        Spare? delivered = null, evicted = null, discarded = null;
        lock (_lock)
        {
            _creating.Remove(creation);
            if (spare is not null)
            {
                if (_closed)
                {
                    discarded = spare;
                }
                else if (creation.Claimed)
                {
                    delivered = spare;
                }
                else
                {
                    evicted = WaitLocked(spare);
                }
            }
        }

        creation.Result.SetResult(delivered);
        await DiscardAsync(discarded).ConfigureAwait(false);
        await DiscardAsync(evicted).ConfigureAwait(false);
    }

    /// <summary>A made spare whose task gave up on it: it waits for the next task (or goes, when closing).</summary>
    private async Task ReturnAsync(Spare? spare)
    {
        Spare? evicted = null, discarded = null;
        lock (_lock)
        {
            if (_closed)
            {
                discarded = spare;
            }
            else if (spare is not null)
            {
                evicted = WaitLocked(spare);
            }
        }

        await DiscardAsync(discarded).ConfigureAwait(false);
        await DiscardAsync(evicted).ConfigureAwait(false);
    }

    /// <summary>Adds a waiting spare; returns the oldest one when too many wait.</summary>
    private Spare? WaitLocked(Spare spare)
    {
        _idle.Add(spare);
        if (_idle.Count <= MaxIdle)
        {
            return null;
        }

        var oldest = _idle[0];
        _idle.RemoveAt(0);
        return oldest;
    }

    private Task DiscardAsync(Spare? spare) => spare is null ? Task.CompletedTask : DiscardAsync(spare.ContainerId, spare.Slot);

    private async Task DiscardAsync(string containerId, string slot)
    {
        try
        {
            await engine.Client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or ObjectDisposedException)
        {
            // Already gone, or the engine went away: a never-started spare holds nothing, DockerCleanup finds it.
        }

        DeleteSlot(slot);
    }

    private static void DeleteSlot(string slot)
    {
        try
        {
            // The link first, then only empty folders: nothing the link points at is ever deleted.
            File.Delete(Path.Combine(slot, "task"));
            var placeholder = Path.Combine(slot, "placeholder");
            foreach (var volume in Volumes)
            {
                if (Directory.Exists(Path.Combine(placeholder, volume)))
                {
                    Directory.Delete(Path.Combine(placeholder, volume));
                }
            }

            if (Directory.Exists(placeholder))
            {
                Directory.Delete(placeholder);
            }

            if (Directory.Exists(slot))
            {
                Directory.Delete(slot);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Something else is in the slot: left for the platform's run-folder cleanup.
        }
    }
}
