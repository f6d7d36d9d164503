using System.Diagnostics;
using Substra.Sdk.Telemetry;
using Substra.Tests.Shared;

namespace Substra.Sdk.Tests;

/// <summary>Each public call is a span of the "Substra.Sdk" source, with its method, backend, asset key and error type.</summary>
public sealed class ClientTelemetryTests
{
    [Fact]
    public void The_source_and_meter_names_are_the_documented_ones()
    {
        Assert.Equal("Substra.Sdk", SubstraTelemetry.ActivitySourceName);
        Assert.Equal("Substra.Sdk", SubstraTelemetry.MeterName);
    }

    [Fact]
    public async Task A_call_is_a_span_with_its_method_backend_and_asset_key()
    {
        using var spans = new ActivityCollector(nameof(A_call_is_a_span_with_its_method_backend_and_asset_key));
        var backend = new RecordingBackend(BackendType.Remote);
        backend.Functions.Enqueue(Function());
        await using var client = new SubstraClient(backend);

        await client.GetFunctionAsync("function-1");

        var span = Assert.Single(spans.Named("SubstraClient.GetFunctionAsync"));
        Assert.Equal("GetFunctionAsync", span.GetTagItem("substra.client.method"));
        Assert.Equal("remote", span.GetTagItem("substra.backend.type"));
        Assert.Equal("function-1", span.GetTagItem("substra.asset.key"));
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(spans.Root.SpanId, span.ParentSpanId);
    }

    [Fact]
    public async Task An_add_tags_the_key_it_created_and_a_login_never_tags_its_token()
    {
        using var spans = new ActivityCollector(nameof(An_add_tags_the_key_it_created_and_a_login_never_tags_its_token));
        var backend = new RecordingBackend();
        await using var client = new SubstraClient(backend);

        await client.AddDatasetAsync(new Schemas.DatasetSpec
        {
            Name = "d", DataOpener = "opener.py", Description = "description.md", Permissions = Schemas.Permissions.PublicAccess,
            LogsPermission = Schemas.Permissions.PublicAccess,
        });
        var token = await client.LoginAsync("user", "password");

        Assert.Equal("dataset-key", Assert.Single(spans.Named("SubstraClient.AddDatasetAsync")).GetTagItem("substra.asset.key"));
        var login = Assert.Single(spans.Named("SubstraClient.LoginAsync"));
        Assert.Equal("session-token", token);
        Assert.DoesNotContain(login.TagObjects, tag => Equals(tag.Value, token));
    }

    [Fact]
    public async Task A_failed_call_has_the_exception_type_and_an_error_status()
    {
        using var spans = new ActivityCollector(nameof(A_failed_call_has_the_exception_type_and_an_error_status));
        var backend = new RecordingBackend();
        await using var client = new SubstraClient(backend);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetDatasetAsync("dataset-1"));

        var span = Assert.Single(spans.Named("SubstraClient.GetDatasetAsync"));
        Assert.Equal("System.NotSupportedException", span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(error.Message, span.StatusDescription);
        Assert.Equal("dataset-1", span.GetTagItem("substra.asset.key"));
        Assert.Contains(span.Events, e => e.Name == "exception");
    }

    [Fact]
    public async Task A_call_inside_a_call_is_its_child()
    {
        using var spans = new ActivityCollector(nameof(A_call_inside_a_call_is_its_child));
        var backend = new RecordingBackend();
        backend.Plans.Enqueue(new Models.ComputePlan
        {
            Key = "cp", Name = "plan", Owner = "org", Status = ComputePlanStatus.Done, CreationDate = DateTimeOffset.UnixEpoch,
        });
        await using var client = new SubstraClient(backend);

        await client.GetPerformancesAsync("cp", waitCompletion: true);

        var outer = Assert.Single(spans.Named("SubstraClient.GetPerformancesAsync"));
        var wait = Assert.Single(spans.Named("SubstraClient.WaitComputePlanAsync"));
        Assert.Equal(outer.SpanId, wait.ParentSpanId);
        Assert.Equal("cp", wait.GetTagItem("substra.asset.key"));
    }

    private static Models.Function Function() => new()
    {
        Key = "function-1", Name = "f", Owner = "org", Status = FunctionStatus.Ready, CreationDate = DateTimeOffset.UnixEpoch,
        Permissions = new Models.AssetPermissions { Process = new Models.Permission { Public = true, AuthorizedIds = [] } },
        Description = new Models.AssetFile { Checksum = "c", StorageAddress = "d" },
        Archive = new Models.AssetFile { Checksum = "c", StorageAddress = "a" },
    };
}
