using Docker.DotNet;
using Docker.DotNet.Models;

namespace Substra.Sdk.Local.Docker;

/// <summary>
/// Containers created ahead of their task: while a task runs, the next container of its recipe (image and data samples)
/// is created, so that the next task of the recipe starts a container that exists instead of waiting for the engine to
/// make one. A spare binds its volumes through the <c>task</c> link of its slot folder, pointed at the task's folder just
/// before the start (the engine resolves bind sources when it starts a container). A spare runs one task at most, only
/// of its own recipe. Spares are made from a recipe's second task on (a recipe seen once may never come back), at most
/// one per running task of the recipe, and at most <see cref="MaxIdle"/> wait at once (the oldest goes first).
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
    private readonly Dictionary<string, int> _uses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _creating = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _creations = [];
    private bool _closed;

    /// <summary>A created container waiting for a task of <paramref name="Key"/>'s recipe; its volumes live in <paramref name="Slot"/>.</summary>
    internal sealed record Spare(string ContainerId, string Key, string Slot)
    {
        public string Link => Path.Combine(Slot, "task");
    }

    /// <summary>
    /// A task of <paramref name="recipe"/> begins: takes a spare of the recipe if one waits (it is no longer a spare: the
    /// caller owns it).
    /// </summary>
    public Spare? Begin(ContainerRecipe recipe)
    {
        lock (_lock)
        {
            if (_uses.Count >= MaxRememberedRecipes)
            {
                _uses.Clear();
            }

            _uses[recipe.Key] = _uses.GetValueOrDefault(recipe.Key) + 1;
            _running[recipe.Key] = _running.GetValueOrDefault(recipe.Key) + 1;
            var index = _closed ? -1 : _idle.FindIndex(spare => spare.Key == recipe.Key);
            if (index < 0)
            {
                return null;
            }

            var taken = _idle[index];
            _idle.RemoveAt(index);
            return taken;
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
            var waiting = _idle.Count(spare => spare.Key == recipe.Key) + _creating.GetValueOrDefault(recipe.Key);
            if (_closed || _uses.GetValueOrDefault(recipe.Key) < 2 || waiting >= Math.Min(_running.GetValueOrDefault(recipe.Key), MaxPerRecipe))
            {
                return;
            }

            _creating[recipe.Key] = _creating.GetValueOrDefault(recipe.Key) + 1;
        }

        Track(Task.Run(() => CreateAsync(recipe, slotParent)));
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
            await engine.Client.Containers.RenameContainerAsync(spare.ContainerId, new ContainerRenameParameters { NewName = name }, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is DockerApiException or IOException or UnauthorizedAccessException)
        {
            await DiscardAsync(spare.ContainerId, spare.Slot);
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
            creations = [.. _creations];
        }

        await Task.WhenAll(idle.Select(spare => DiscardAsync(spare.ContainerId, spare.Slot)).Concat(creations));
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
        }, cancellationToken);
        foreach (var leftover in leftovers)
        {
            try
            {
                await engine.Client.Containers.RemoveContainerAsync(leftover.ID, new ContainerRemoveParameters { Force = true }, cancellationToken);
            }
            catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
            {
                // Removed meanwhile.
            }
        }
    }

    private async Task CreateAsync(ContainerRecipe recipe, string slotParent)
    {
        var slot = Path.Combine(slotParent, "spare-" + Guid.NewGuid().ToString("N"));
        string? containerId = null;
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
            containerId = (await engine.Client.Containers.CreateContainerAsync(parameters(recipe, name, Path.Combine(slot, "task")), CancellationToken.None)).ID;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // A spare that cannot be made is no error: the next task creates its own container.
        }

        Spare? evicted = null;
        var kept = false;
        lock (_lock)
        {
            _creating[recipe.Key] = _creating.GetValueOrDefault(recipe.Key) - 1;
            if (_creating[recipe.Key] <= 0)
            {
                _creating.Remove(recipe.Key);
            }

            if (containerId is not null && !_closed)
            {
                _idle.Add(new Spare(containerId, recipe.Key, slot));
                kept = true;
                if (_idle.Count > MaxIdle)
                {
                    evicted = _idle[0];
                    _idle.RemoveAt(0);
                }
            }
        }

        if (!kept)
        {
            await DiscardAsync(containerId, slot);
        }

        if (evicted is not null)
        {
            await DiscardAsync(evicted.ContainerId, evicted.Slot);
        }
    }

    private void Track(Task creation)
    {
        lock (_lock)
        {
            _creations.Add(creation);
        }

        creation.ContinueWith(done =>
        {
            lock (_lock)
            {
                _creations.Remove(done);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task DiscardAsync(string? containerId, string slot)
    {
        if (containerId is not null)
        {
            try
            {
                await engine.Client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
            }
            catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or ObjectDisposedException)
            {
                // Already gone, or the engine went away: a never-started spare holds nothing, DockerCleanup finds it.
            }
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
