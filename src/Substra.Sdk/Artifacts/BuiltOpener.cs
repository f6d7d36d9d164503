using Substra.Sdk.Exceptions;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Artifacts;

/// <summary>
/// An opener artifact that <c>dotnet build</c> wrote for a referenced data-provider project: <c>&lt;name&gt;.opener</c>
/// and its description <c>&lt;name&gt;.md</c> (docs/packaging.md).
/// </summary>
/// <param name="Name">The opener's name, as in <c>[SubstraOpener("name")]</c>.</param>
/// <param name="Opener">The opener artifact, the dataset's <c>data_opener</c>.</param>
/// <param name="Description">The markdown description.</param>
/// <param name="Project">The project that declares the opener.</param>
public sealed record BuiltOpener(string Name, string Opener, string Description, string Project)
{
    /// <summary>The spec that registers a dataset opened by this opener (<c>AddDatasetAsync</c>).</summary>
    public DatasetSpec ToDatasetSpec(
        string datasetName,
        Permissions permissions,
        Permissions logsPermission,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!File.Exists(Opener))
        {
            throw new SpecValidationException(
                $"The opener artifact '{Opener}' of {Project} does not exist; build the solution (dotnet build) so that {Project} writes it.");
        }

        return new DatasetSpec
        {
            Name = datasetName,
            DataOpener = Opener,
            Description = Description,
            Permissions = permissions,
            LogsPermission = logsPermission,
            Metadata = metadata,
        };
    }
}
