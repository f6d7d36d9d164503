using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Registration;
using Substra.Sdk.Local.Workspace;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Local;

// Registration of functions, datasets and data samples: files are copied into the platform's content store, the asset
// is journaled, then it is visible.
internal sealed partial class LocalBackend
{
    public async Task<string> AddFunctionAsync(FunctionSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        MetadataRules.Check(spec.Metadata);
        FunctionArchiveInspector.Inspect(spec.File, _settings.ArchiveLimits ?? _platform.ArchiveLimits, cancellationToken);
        var key = Guid.NewGuid().ToString();
        var archive = await StoreFileAsync(spec.File, ContentStore.Roles.FunctionArchive, cancellationToken).ConfigureAwait(false);
        var description = await StoreFileAsync(spec.Description, ContentStore.Roles.Description, cancellationToken).ConfigureAwait(false);
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
        _store.Write(() => _store.SaveFunction(function));
        _logger.LogFunctionRegistered(function.Name, key);
        return key;
    }

    public async Task<string> AddDatasetAsync(DatasetSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        MetadataRules.Check(spec.Metadata);
        var key = Guid.NewGuid().ToString();
        var opener = await StoreFileAsync(spec.DataOpener, ContentStore.Roles.Opener, cancellationToken).ConfigureAwait(false);
        AssetFile description;
        if (spec.Description is { } descriptionPath)
        {
            description = await StoreFileAsync(descriptionPath, ContentStore.Roles.Description, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // The reference writes a generated description beside the user's opener; this one is written into the store.
            var (checksum, stored) = await _platform.Content.AddWrittenAsync(
                path => File.WriteAllTextAsync(path, DatasetSpec.GeneratedDescription, cancellationToken), ContentStore.Roles.Description).ConfigureAwait(false);
            description = new AssetFile { Checksum = checksum, StorageAddress = stored };
        }

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
        _store.Write(() => _store.SaveDataset(dataset));
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

        var keys = _store.Write(() =>
        {
            foreach (var datasetKey in spec.DataManagerKeys.Where(datasetKey => !_store.Datasets.ContainsKey(datasetKey)))
            {
                throw NotFound(datasetKey);
            }

            DataSampleOwnership.CheckAdd(_store, _organization.Id, spec.DataManagerKeys, folders);
            var added = new List<string>(folders.Count);
            var datasets = spec.DataManagerKeys.Distinct().ToDictionary(datasetKey => datasetKey, datasetKey => _store.Datasets[datasetKey]);
            foreach (var folder in folders)
            {
                var key = Guid.NewGuid().ToString();
                _store.SaveDataSample(new DataSample
                {
                    Key = key,
                    Owner = _organization.Id,
                    DataManagerKeys = spec.DataManagerKeys.ToList(),
                    Path = folder,
                    CreationDate = Now,
                });
                added.Add(key);
            }

            foreach (var (datasetKey, dataset) in datasets)
            {
                _store.SaveDataset(dataset with { DataSampleKeys = [.. dataset.DataSampleKeys, .. added] });
            }

            return added;
        });

        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    public Task<IReadOnlyList<string>> LinkDatasetWithDataSamplesAsync(
        string datasetKey, IReadOnlyList<string> dataSampleKeys, CancellationToken cancellationToken)
    {
        _store.Write(() =>
        {
            DataSampleOwnership.CheckLink(_store, datasetKey, dataSampleKeys);
            var dataset = _store.Datasets.GetValueOrDefault(datasetKey) ?? throw NotFound(datasetKey);
            var samples = new List<DataSample>(dataSampleKeys.Count);
            foreach (var sampleKey in dataSampleKeys)
            {
                samples.Add(_store.DataSamples.GetValueOrDefault(sampleKey) ?? throw NotFound(sampleKey));
            }

            foreach (var sample in samples)
            {
                if (sample.DataManagerKeys?.Contains(datasetKey) == true || dataset.DataSampleKeys.Contains(sample.Key))
                {
                    _logger.LogDataSampleAlreadyLinked(sample.Key, datasetKey);
                    continue;
                }

                _store.SaveDataSample(sample with { DataManagerKeys = [.. sample.DataManagerKeys ?? [], datasetKey] });
                dataset = dataset with { DataSampleKeys = [.. dataset.DataSampleKeys, sample.Key] };
            }

            _store.SaveDataset(dataset);
        });

        return Task.FromResult(dataSampleKeys);
    }

    public Task UpdateFunctionAsync(string key, UpdateFunctionSpec spec, CancellationToken cancellationToken)
    {
        _store.Write(() =>
        {
            var function = _store.Functions.GetValueOrDefault(key) ?? throw NotFound(key);
            _store.SaveFunction(function with { Name = spec.Name });
        });

        return Task.CompletedTask;
    }

    public Task UpdateDatasetAsync(string key, UpdateDatasetSpec spec, CancellationToken cancellationToken)
    {
        _store.Write(() =>
        {
            var dataset = _store.Datasets.GetValueOrDefault(key) ?? throw NotFound(key);
            _store.SaveDataset(dataset with { Name = spec.Name });
        });

        return Task.CompletedTask;
    }

    public Task UpdateComputePlanAsync(string key, UpdateComputePlanSpec spec, CancellationToken cancellationToken)
    {
        _store.Write(() =>
        {
            var plan = _store.Plans.GetValueOrDefault(key) ?? throw NotFound(key);
            plan.Registered = plan.Registered with { Name = spec.Name };
            _store.Journal.SavePlan(plan);
        });

        return Task.CompletedTask;
    }

    /// <summary>Copies a registered file into the platform's content store and returns it with its checksum.</summary>
    private async Task<AssetFile> StoreFileAsync(string source, string role, CancellationToken cancellationToken)
    {
        if (!File.Exists(source))
        {
            throw new InvalidRequestException(
                $"Could not copy {source}: it is not an existing file. Give the path of the file to register (relative to {Environment.CurrentDirectory}).", 400);
        }

        var (checksum, stored) = await _platform.Content.AddCopyAsync(source, role, cancellationToken).ConfigureAwait(false);
        return new AssetFile { Checksum = checksum, StorageAddress = stored };
    }
}
