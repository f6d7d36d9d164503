using System.Security.Cryptography;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Registration;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Local;

// Registration of functions, datasets and data samples (substra-behaviour.md §4.2).
internal sealed partial class LocalBackend
{
    public async Task<string> AddFunctionAsync(FunctionSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        MetadataRules.Check(spec.Metadata);
        var key = Guid.NewGuid().ToString();
        var (archive, description) = await CopyAssetFilesAsync(key, spec.File, spec.Description, cancellationToken).ConfigureAwait(false);
        var function = new Function
        {
            Key = key,
            Name = spec.Name,
            Owner = _organization.Id,
            Permissions = new AssetPermissions { Process = PermissionRules.ForOwner(spec.Permissions, _organization.Id) },
            Metadata = spec.Metadata is null ? new Dictionary<string, string>() : new Dictionary<string, string>(spec.Metadata),
            CreationDate = Now,
            Inputs = (spec.Inputs ?? []).Select(input => new FunctionInput
            {
                Identifier = input.Identifier, Kind = input.Kind, Optional = input.Optional, Multiple = input.Multiple,
            }).ToList(),
            Outputs = (spec.Outputs ?? []).Select(output => new FunctionOutput
            {
                Identifier = output.Identifier, Kind = output.Kind, Multiple = output.Multiple,
            }).ToList(),
            Status = FunctionStatus.Ready,
            Description = description,
            Archive = archive,
        };
        lock (_store.Gate)
        {
            _store.Functions.Add(key, function);
        }

        _logger.LogFunctionRegistered(function.Name, key);
        return key;
    }

    public async Task<string> AddDatasetAsync(DatasetSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        MetadataRules.Check(spec.Metadata);
        var key = Guid.NewGuid().ToString();
        var descriptionPath = spec.Description;
        if (descriptionPath is null)
        {
            descriptionPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(spec.DataOpener))!, "generated_description.md");
            await File.WriteAllTextAsync(descriptionPath, DatasetSpec.GeneratedDescription, cancellationToken).ConfigureAwait(false);
        }

        var (opener, description) = await CopyAssetFilesAsync(key, spec.DataOpener, descriptionPath, cancellationToken).ConfigureAwait(false);
        var dataset = new Dataset
        {
            Key = key,
            Name = spec.Name,
            Owner = _organization.Id,
            Permissions = new AssetPermissions { Process = PermissionRules.ForOwner(spec.Permissions, _organization.Id) },
            DataSampleKeys = [],
            Opener = opener,
            Description = description,
            Metadata = spec.Metadata is null ? new Dictionary<string, string>() : new Dictionary<string, string>(spec.Metadata),
            CreationDate = Now,
            LogsPermission = PermissionRules.ForOwner(spec.LogsPermission, _organization.Id),
        };
        lock (_store.Gate)
        {
            _store.Datasets.Add(key, dataset);
        }

        return key;
    }

    public Task<IReadOnlyList<string>> AddDataSamplesAsync(DataSampleSpec spec, bool local, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.DataManagerKeys is not { Count: > 0 })
        {
            throw new InvalidRequestException("Please add at least one data manager for the data sample", 400);
        }

        IReadOnlyList<string> paths = spec.IsMany ? spec.Paths! : [spec.Path!];
        var folders = paths.Select(path => Path.GetFullPath(path)).ToList();
        foreach (var folder in folders.Where(folder => !Directory.Exists(folder)))
        {
            throw new InvalidRequestException(
                $"The data sample path '{folder}' is not an existing directory: a data sample is a folder, registered in place (not copied).", 400);
        }

        var keys = new List<string>(folders.Count);
        lock (_store.Gate)
        {
            foreach (var datasetKey in spec.DataManagerKeys.Where(datasetKey => !_store.Datasets.ContainsKey(datasetKey)))
            {
                throw NotFound(datasetKey);
            }

            DataSampleOwnership.CheckAdd(_store, _organization.Id, spec.DataManagerKeys, folders);
            foreach (var folder in folders)
            {
                var key = Guid.NewGuid().ToString();
                _store.DataSamples.Add(key, new DataSample
                {
                    Key = key,
                    Owner = _organization.Id,
                    DataManagerKeys = spec.DataManagerKeys.ToList(),
                    Path = folder,
                    CreationDate = Now,
                });
                foreach (var datasetKey in spec.DataManagerKeys)
                {
                    var dataset = _store.Datasets[datasetKey];
                    _store.Datasets[datasetKey] = dataset with { DataSampleKeys = [.. dataset.DataSampleKeys, key] };
                }

                keys.Add(key);
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    public Task<IReadOnlyList<string>> LinkDatasetWithDataSamplesAsync(
        string datasetKey, IReadOnlyList<string> dataSampleKeys, CancellationToken cancellationToken)
    {
        lock (_store.Gate)
        {
            DataSampleOwnership.CheckLink(_store, datasetKey, dataSampleKeys);
            var dataset = _store.Datasets.GetValueOrDefault(datasetKey) ?? throw NotFound(datasetKey);
            foreach (var sampleKey in dataSampleKeys)
            {
                var sample = _store.DataSamples.GetValueOrDefault(sampleKey) ?? throw NotFound(sampleKey);
                if (sample.DataManagerKeys?.Contains(datasetKey) == true)
                {
                    _logger.LogDataSampleAlreadyLinked(sampleKey, datasetKey);
                    continue;
                }

                _store.DataSamples[sampleKey] = sample with { DataManagerKeys = [.. sample.DataManagerKeys ?? [], datasetKey] };
                dataset = dataset with { DataSampleKeys = [.. dataset.DataSampleKeys, sampleKey] };
            }

            _store.Datasets[datasetKey] = dataset;
        }

        return Task.FromResult(dataSampleKeys);
    }

    public Task UpdateFunctionAsync(string key, UpdateFunctionSpec spec, CancellationToken cancellationToken)
    {
        lock (_store.Gate)
        {
            var function = _store.Functions.GetValueOrDefault(key) ?? throw NotFound(key);
            _store.Functions[key] = function with { Name = spec.Name };
        }

        return Task.CompletedTask;
    }

    public Task UpdateDatasetAsync(string key, UpdateDatasetSpec spec, CancellationToken cancellationToken)
    {
        lock (_store.Gate)
        {
            var dataset = _store.Datasets.GetValueOrDefault(key) ?? throw NotFound(key);
            _store.Datasets[key] = dataset with { Name = spec.Name };
        }

        return Task.CompletedTask;
    }

    public Task UpdateComputePlanAsync(string key, UpdateComputePlanSpec spec, CancellationToken cancellationToken)
    {
        lock (_store.Gate)
        {
            var plan = _store.Plans.GetValueOrDefault(key) ?? throw NotFound(key);
            plan.Registered = plan.Registered with { Name = spec.Name };
        }

        return Task.CompletedTask;
    }

    /// <summary>Copies two registered files to <c>&lt;assets&gt;/&lt;key&gt;/</c> and returns them with their checksums.</summary>
    private async Task<(AssetFile First, AssetFile Second)> CopyAssetFilesAsync(
        string key, string first, string second, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_workspace.AssetsDirectory, key);
        Directory.CreateDirectory(folder);
        var firstCopy = await CopyAssetFileAsync(key, folder, first, cancellationToken).ConfigureAwait(false);
        var secondCopy = await CopyAssetFileAsync(key, folder, second, cancellationToken).ConfigureAwait(false);
        return (firstCopy, secondCopy);
    }

    private static async Task<AssetFile> CopyAssetFileAsync(string key, string folder, string source, CancellationToken cancellationToken)
    {
        if (!File.Exists(source))
        {
            throw new InvalidRequestException(
                $"Could not copy {source}: it is not an existing file. Give the path of the file to register (relative to {Environment.CurrentDirectory}).", 400);
        }

        var destination = Path.Combine(folder, Path.GetFileName(source));
        if (File.Exists(destination))
        {
            throw new AlreadyExistsException(key);
        }

        await using (var input = File.OpenRead(source))
        await using (var output = File.Create(destination))
        {
            await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        }

        await using var copy = File.OpenRead(destination);
        var checksum = Convert.ToHexStringLower(await SHA256.HashDataAsync(copy, cancellationToken).ConfigureAwait(false));
        return new AssetFile { Checksum = checksum, StorageAddress = destination };
    }
}
