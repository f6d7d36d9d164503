using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Substra.Sdk.Remote.Tests.Platform;

/// <summary>Dispatches the platform's REST endpoints against the store.</summary>
internal sealed class PlatformEndpoints(FakePlatform platform)
{
    private static readonly string[] AssetTypes = ["function", "data_manager", "data_sample", "compute_plan", "task", "model"];

    private PlatformStore Store => platform.Store;

    public async Task HandleAsync(HttpContext context)
    {
        var request = (RecordedRequest)context.Items[RequestRecorder.ItemKey]!;
        var segments = request.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = request.Method;
        if (!request.Path.EndsWith('/'))
        {
            await WriteJsonAsync(context, 404, new JsonObject { ["detail"] = "The server requires a trailing slash." });
            return;
        }
        if (method == "POST" && segments is ["api-token-auth"])
        {
            await LoginAsync(context, request);
            return;
        }
        if (platform.RequireToken && !IsAuthorized(request))
        {
            await WriteJsonAsync(context, 401, new JsonObject { ["detail"] = "Invalid token." });
            return;
        }
        var (status, body) = Dispatch(method, segments, request);
        switch (body)
        {
            case GeneratedModel model:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/octet-stream";
                context.Response.ContentLength = model.Length;
                await GeneratedContent.WriteAsync(context.Response.Body, model.Length, context.RequestAborted);
                break;
            case byte[] bytes:
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/octet-stream";
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
                break;
            case string text:
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(text, context.RequestAborted);
                break;
            default:
                await WriteJsonAsync(context, status, (JsonNode?)body);
                break;
        }
    }

    private sealed record GeneratedModel(long Length);

    private bool IsAuthorized(RecordedRequest request)
    {
        var header = request.Header("Authorization");
        if (header is null || !header.StartsWith("Token ", StringComparison.Ordinal))
        {
            return false;
        }
        var token = header["Token ".Length..];
        return platform.StaticTokens.ContainsKey(token) || platform.ActiveTokens.Values.Contains(token);
    }

    private async Task LoginAsync(HttpContext context, RecordedRequest request)
    {
        if (platform.LoginAnswersHtml)
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>Substra front end</body></html>");
            return;
        }
        if (platform.LoginDisabled)
        {
            await WriteJsonAsync(context, 403, new JsonObject
            {
                ["detail"] = "Implicit login is disabled on this server",
                ["substra_identifier"] = "implicit_login_disabled",
            });
            return;
        }
        var username = request.Form.GetValueOrDefault("username")?.SingleOrDefault();
        var password = request.Form.GetValueOrDefault("password")?.SingleOrDefault();
        if (username is null || password is null)
        {
            await WriteJsonAsync(context, 400, new JsonObject { ["detail"] = "username and password are required" });
            return;
        }
        if (!platform.Users.TryGetValue(username, out var expected) || expected != password)
        {
            await WriteJsonAsync(context, 401, new JsonObject { ["detail"] = "Unable to log in with provided credentials." });
            return;
        }
        var id = Guid.NewGuid().ToString();
        var token = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "tok";
        platform.ActiveTokens[id] = token;
        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = DateTimeOffset.UtcNow.Add(platform.TokenLifetime).ToString("O"),
            ["id"] = id,
        });
    }

    private (int Status, object? Body) Dispatch(string method, string[] segments, RecordedRequest request)
    {
        switch (method, segments)
        {
            case ("DELETE", ["active-api-tokens"]):
                var tokenId = request.Query.GetValueOrDefault("id")?.SingleOrDefault() ?? "";
                return platform.ActiveTokens.TryRemove(tokenId, out _) ? (200, new JsonObject()) : NotFound();
            case ("GET", ["info"]):
                return (200, AssetPayloads.Info(platform.BaseUrl));
            case ("GET", ["organization"]):
                return (200, Store.Organizations.DeepClone());
            case ("GET", [var type]) when AssetTypes.Contains(type):
                return (200, Page(request, FilterAssets(Store.All(type), request)));
            case ("GET", [var type, var key]) when AssetTypes.Contains(type):
                return Store.Get(type, key) is { } asset ? (200, asset.DeepClone()) : NotFound();
            case ("GET", ["model", var key, "file"]):
                return Store.GeneratedModels.TryGetValue(key, out var length) ? (200, new GeneratedModel(length)) : FileAt(request.Path);
            case ("GET", ["function" or "data_manager", _, "file" or "description" or "opener"]):
                return FileAt(request.Path);
            case ("GET", ["task", var key, "logs"]):
                return Store.TaskLogs.TryGetValue(key, out var logs) ? (200, logs) : NotFound();
            case ("GET", ["task", var key, "input_assets"]):
                return (200, Page(request, Rows(Store.InputAssets.GetValueOrDefault(key))));
            case ("GET", ["task", var key, "output_assets"]):
                var identifier = request.Query.GetValueOrDefault("identifier")?.SingleOrDefault();
                var outputs = Rows(Store.OutputAssets.GetValueOrDefault(key)).Where(o => identifier is null || (string?)o["identifier"] == identifier).ToList();
                return (200, Page(request, outputs));
            case ("GET", ["compute_plan", var key, "perf"]):
                var rows = Store.Performances.GetValueOrDefault(key)?.DeepClone() ?? new JsonArray();
                return (200, new JsonObject { ["count"] = rows.AsArray().Count, ["next"] = null, ["previous"] = null, ["results"] = rows });
            case ("POST", ["compute_plan", var key, "cancel"]):
                return Rename(request, "compute_plan", key, cancel: true);
            case ("PUT", ["function" or "data_manager" or "compute_plan", var key]):
                return Rename(request, segments[0], key, cancel: false);
            case ("POST", ["function"]):
                return AddFunction(request);
            case ("POST", ["data_manager"]):
                return AddDataset(request);
            case ("POST", ["data_sample"]):
                return AddDataSamples(request);
            case ("POST", ["data_sample", "bulk_update"]):
                return LinkDataSamples(request);
            case ("POST", ["compute_plan"]):
                return AddComputePlan(request);
            case ("POST", ["task", "bulk_create"]):
                return AddTasks(request);
            default:
                return NotFound();
        }
    }

    private static (int, object?) NotFound() => (404, new JsonObject { ["detail"] = "Not found." });

    private static (int, object?) Invalid(string detail) => (400, new JsonObject { ["detail"] = detail });

    private (int, object?) FileAt(string path) => Store.Files.TryGetValue(path, out var content) ? (200, content) : NotFound();

    private static List<JsonObject> Rows(JsonArray? rows) => rows?.Select(r => r!.DeepClone().AsObject()).ToList() ?? [];

    private static IEnumerable<JsonObject> FilterAssets(IEnumerable<JsonObject> assets, RecordedRequest request)
    {
        if (request.Query.TryGetValue("key", out var keys))
        {
            var wanted = keys.SelectMany(k => k.Split(',')).ToHashSet();
            assets = assets.Where(a => wanted.Contains((string?)a["key"] ?? ""));
        }
        if (request.Query.TryGetValue("match", out var match))
        {
            assets = assets.Where(a => ((string?)a["name"] ?? "").Contains(match.Single(), StringComparison.Ordinal));
        }
        if (request.Query.TryGetValue("compute_plan_key", out var planKeys))
        {
            var wanted = planKeys.SelectMany(k => k.Split(',')).ToHashSet();
            assets = assets.Where(a => wanted.Contains((string?)a["compute_plan_key"] ?? ""));
        }
        return assets;
    }

    private JsonObject Page(RecordedRequest request, IEnumerable<JsonObject> items)
    {
        var all = items.ToList();
        var page = int.TryParse(request.Query.GetValueOrDefault("page")?.SingleOrDefault(), out var p) ? p : 1;
        var results = all.Skip((page - 1) * platform.PageSize).Take(platform.PageSize).Select(a => (JsonNode)a.DeepClone()).ToArray();
        return new JsonObject
        {
            ["count"] = all.Count,
            ["next"] = page * platform.PageSize < all.Count ? PageUrl(request, page + 1) : null,
            ["previous"] = page > 1 ? PageUrl(request, page - 1) : null,
            ["results"] = new JsonArray(results),
        };
    }

    private string PageUrl(RecordedRequest request, int page)
    {
        var query = request.Query.Where(q => q.Key != "page")
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v)}"))
            .Append($"page={page}");
        return $"{platform.BaseUrl}{request.Path}?{string.Join('&', query)}";
    }

    private (int, object?) Rename(RecordedRequest request, string type, string key, bool cancel)
    {
        var asset = Store.Get(type, key);
        if (asset is null)
        {
            return NotFound();
        }
        if (cancel)
        {
            asset["status"] = "PLAN_STATUS_CANCELED";
            return (200, new JsonObject());
        }
        var name = (string?)request.BodyJson?["name"];
        if (string.IsNullOrEmpty(name))
        {
            return Invalid("name is required");
        }
        asset["name"] = name;
        return (200, new JsonObject());
    }

    private (int, object?) AddFunction(RecordedRequest request)
    {
        var spec = JsonNode.Parse(request.Part("json").Text)!.AsObject();
        var key = Guid.NewGuid().ToString();
        var archive = request.Part("file").Content;
        var description = request.Part("description").Content;
        var function = AssetPayloads.Function(platform.BaseUrl, key, spec, archive, description);
        Store.Files[$"/function/{key}/file/"] = archive;
        Store.Files[$"/function/{key}/description/"] = description;
        Store.Put("function", function);
        return (201, function.DeepClone());
    }

    private (int, object?) AddDataset(RecordedRequest request)
    {
        var spec = JsonNode.Parse(request.Part("json").Text)!.AsObject();
        var key = Guid.NewGuid().ToString();
        var opener = request.Part("data_opener").Content;
        var description = request.Part("description").Content;
        var dataset = AssetPayloads.Dataset(platform.BaseUrl, key, spec, opener, description);
        Store.Files[$"/data_manager/{key}/opener/"] = opener;
        Store.Files[$"/data_manager/{key}/description/"] = description;
        Store.Put("data_manager", dataset);
        return (201, dataset.DeepClone());
    }

    private (int, object?) AddDataSamples(RecordedRequest request)
    {
        JsonObject spec;
        int count;
        if (request.Parts.Count > 0)
        {
            spec = JsonNode.Parse(request.Part("json").Text)!.AsObject();
            var files = request.Parts.Where(p => p.Name != "json").ToList();
            foreach (var file in files)
            {
                try
                {
                    using var zip = new ZipArchive(new MemoryStream(file.Content), ZipArchiveMode.Read);
                    _ = zip.Entries.Count;
                }
                catch (InvalidDataException)
                {
                    return Invalid($"part '{file.Name}' is not a zip archive");
                }
            }
            count = files.Count;
        }
        else
        {
            spec = request.BodyJson!.AsObject();
            count = spec["paths"] is JsonArray paths ? paths.Count : spec["path"] is not null ? 1 : 0;
        }
        var managers = spec["data_manager_keys"]?.AsArray().Select(k => (string)k!).ToList() ?? [];
        if (count == 0 || managers.Count == 0)
        {
            return Invalid("data samples need files or paths, and data_manager_keys");
        }
        var created = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var key = Guid.NewGuid().ToString();
            Store.Put("data_sample", AssetPayloads.DataSample(key, managers));
            foreach (var manager in managers)
            {
                Store.Get("data_manager", manager)?["data_sample_keys"]!.AsArray().Add(key);
            }
            created.Add(new JsonObject { ["key"] = key });
        }
        return (201, created);
    }

    private (int, object?) LinkDataSamples(RecordedRequest request)
    {
        var managers = request.Form.GetValueOrDefault("data_manager_keys") ?? [];
        var samples = request.Form.GetValueOrDefault("data_sample_keys") ?? [];
        if (managers.Length == 0 || samples.Length == 0)
        {
            return Invalid("data_manager_keys and data_sample_keys are required (form-encoded)");
        }
        return (200, new JsonObject { ["keys"] = new JsonArray(samples.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()) });
    }

    private (int, object?) AddComputePlan(RecordedRequest request)
    {
        var spec = request.BodyJson!.AsObject();
        var key = (string?)spec["key"];
        if (key is null || spec["name"] is null)
        {
            return Invalid("key and name are required");
        }
        if (Store.Get("compute_plan", key) is not null)
        {
            return (409, new JsonObject { ["key"] = key });
        }
        var plan = AssetPayloads.ComputePlan(spec);
        Store.Put("compute_plan", plan);
        return (201, plan.DeepClone());
    }

    private (int, object?) AddTasks(RecordedRequest request)
    {
        var tasks = request.BodyJson?["tasks"]?.AsArray();
        if (tasks is null)
        {
            return Invalid("tasks is required");
        }
        // As on the platform, a batch is created whole or not at all, and a conflict names no key.
        var existing = tasks.Select(t => (string)t!["key"]!).FirstOrDefault(key => Store.Get("task", key) is not null);
        if (existing is not null)
        {
            return (409, new JsonObject { ["detail"] = $"task {existing} already exists" });
        }
        var specs = tasks.Select(t => t!.AsObject()).ToList();
        foreach (var spec in specs)
        {
            if (Store.Get("function", (string?)spec["function_key"] ?? "") is null)
            {
                return Invalid($"function {(string?)spec["function_key"]} not found");
            }
            if (Store.Get("compute_plan", (string?)spec["compute_plan_key"] ?? "") is null)
            {
                return Invalid($"compute plan {(string?)spec["compute_plan_key"]} not found");
            }
        }
        var created = new JsonArray();
        foreach (var spec in specs)
        {
            var plan = Store.Get("compute_plan", (string)spec["compute_plan_key"]!)!;
            plan["task_count"] = (int)plan["task_count"]! + 1;
            var task = AssetPayloads.Task(spec, Store.Get("function", (string)spec["function_key"]!)!);
            Store.Put("task", task);
            created.Add(task.DeepClone());
        }
        return (200, created);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body?.ToJsonString() ?? "null", Encoding.UTF8, context.RequestAborted);
    }
}
