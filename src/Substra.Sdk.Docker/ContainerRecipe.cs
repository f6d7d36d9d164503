namespace Substra.Sdk.Docker;

/// <summary>
/// What a task's container is made of besides its name and its task's folders: the image and the data samples bound
/// into it. Two tasks with equal recipes can run in containers created alike, so a container created ahead for one
/// recipe (<see cref="SpareContainers"/>) serves any later task of the same recipe.
/// </summary>
/// <param name="Image">The function's image.</param>
/// <param name="ArchiveChecksum">The archive's SHA-256, lower case (a label of the container).</param>
/// <param name="Samples">Data-sample key → the sample folder's full path, ordered by key.</param>
internal sealed record ContainerRecipe(FunctionImage Image, string ArchiveChecksum, IReadOnlyList<KeyValuePair<string, string>> Samples)
{
    /// <summary>Equal for equal recipes; a spare is only ever taken by a task with the same key.</summary>
    public string Key { get; } = Image.Tag + "\n" + string.Join("\n", Samples.Select(sample => sample.Key + "=" + sample.Value));

    public static ContainerRecipe For(FunctionImage image, Local.Compute.SpawnRequest request) => new(
        image,
        request.ArchiveChecksum.ToLowerInvariant(),
        request.DataSamples.OrderBy(sample => sample.Key, StringComparer.Ordinal)
            .Select(sample => KeyValuePair.Create(sample.Key, Path.GetFullPath(sample.Value))).ToList());
}
