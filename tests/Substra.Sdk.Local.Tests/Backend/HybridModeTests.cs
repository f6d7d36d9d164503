using Microsoft.Extensions.Logging.Abstractions;
using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Local.Platform;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>
/// Hybrid mode: reads fall back to the remote platform. The "platform" here is a client of another local platform,
/// reached only through <see cref="IBackend"/>, as the remote backend would be.
/// </summary>
public sealed class HybridModeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reads_fall_back_to_the_remote_and_lists_merge_local_then_remote()
    {
        await using var remotePlatform = LocalPlatform.Open(new LocalPlatformOptions { WorkspaceDirectory = _temp.Combine("remote"), InMemory = true });
        await using var localPlatform = LocalPlatform.Open(new LocalPlatformOptions { WorkspaceDirectory = _temp.Combine("local-worker"), InMemory = true });
        await using var platform = ((ILocalBackendFactory)remotePlatform).Create(Settings(remote: null));
        await using var hybrid = ((ILocalBackendFactory)localPlatform).Create(Settings(platform));
        var remoteFunction = await AddFunctionAsync(platform, "remote train");
        var localFunction = await AddFunctionAsync(hybrid, "local train");

        Assert.Equal("remote train", (await hybrid.GetFunctionAsync(remoteFunction, None)).Name);
        Assert.Equal("# f\n", await hybrid.DescribeFunctionAsync(remoteFunction, None));
        var listed = await hybrid.ListFunctionsAsync(new ListQuery(new ListFilters
        {
            Values = new Dictionary<string, IReadOnlyList<string>> { ["key"] = [remoteFunction, localFunction] },
        }), None);
        Assert.Equal([localFunction, remoteFunction], listed.Select(function => function.Key));
        await Assert.ThrowsAsync<NotFoundException>(() => hybrid.GetFunctionAsync(Guid.NewGuid().ToString(), None));

        // Remote functions, datasets and samples are fetched (see the remote tests); remote models are not supported yet.
        var org = (await hybrid.GetOrganizationInfoAsync(None)).OrganizationId;
        var modelKey = Guid.NewGuid().ToString();
        var withModel = await AddFunctionAsync(hybrid, "local predict", [Input("model", AssetKind.Model)]);
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => hybrid.AddTaskAsync(new TaskSpec
        {
            FunctionKey = withModel, Worker = org, Inputs = [InputRef.FromAsset("model", modelKey)],
            Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
        }, None));
        Assert.Equal($"The asset {modelKey} of input model is not registered locally. Running tasks on remote models (hybrid mode) " +
                     "is not supported yet: register the function, data and models with this local client.", error.Message);
    }

    [Fact]
    public async Task A_worker_known_neither_locally_nor_as_the_owner_of_a_platform_asset_is_refused()
    {
        await using var remotePlatform = LocalPlatform.Open(new LocalPlatformOptions { WorkspaceDirectory = _temp.Combine("remote"), InMemory = true });
        await using var localPlatform = LocalPlatform.Open(new LocalPlatformOptions { WorkspaceDirectory = _temp.Combine("local-worker"), InMemory = true });
        await using var platform = ((ILocalBackendFactory)remotePlatform).Create(Settings(remote: null));
        await using var hybrid = (Hybrid.HybridBackend)((ILocalBackendFactory)localPlatform).Create(Settings(platform));
        var function = await AddFunctionAsync(hybrid, "local train");
        var spec = new TaskSpec
        {
            FunctionKey = function, Worker = "PlatformOrgMSP", Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
        };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => hybrid.AddTaskAsync(spec, None));

        Assert.StartsWith($"The worker 'PlatformOrgMSP' of task {spec.Key} is not an organisation of this local network. Known organisations " +
                          "(the local clients' and the owners of the platform assets in use): ", error.Message);
        Assert.Contains(hybrid.OrganizationId, error.Message);
    }

    private LocalBackendSettings Settings(IBackend? remote) => new()
    {
        BackendType = BackendType.LocalSubprocess,
        Remote = remote,
        LoggerFactory = NullLoggerFactory.Instance,
    };

    private async Task<string> AddFunctionAsync(IBackend backend, string name, IReadOnlyList<FunctionInputSpec>? inputs = null)
    {
        var folder = _temp.Combine(Guid.NewGuid().ToString("N"));
        var description = Path.Combine(folder, "description.md");
        var archive = PythonFunctions.Archive(folder, "train");
        await File.WriteAllTextAsync(description, "# f\n");
        return await backend.AddFunctionAsync(new FunctionSpec
        {
            Name = name, File = archive, Description = description, Permissions = Permissions.PublicAccess, Inputs = inputs ?? [],
            Outputs = [Output("model", AssetKind.Model)],
        }, None);
    }
}
