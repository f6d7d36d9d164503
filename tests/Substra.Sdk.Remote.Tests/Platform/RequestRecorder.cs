using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Substra.Sdk.Remote.Tests.Platform;

/// <summary>Middleware that buffers and records each request (headers, query, body, multipart parts, form fields).</summary>
internal static class RequestRecorder
{
    public const string ItemKey = "recorded-request";

    public static async Task RecordAsync(FakePlatform platform, HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        request.Body = new MemoryStream(body);

        var parts = await ReadPartsAsync(request.ContentType, body);
        var form = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            ? QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.Select(v => v ?? "").ToArray())
            : new Dictionary<string, string[]>();
        var recorded = new RecordedRequest(
            request.Method,
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            request.Query.ToDictionary(q => q.Key, q => q.Value.Select(v => v ?? "").ToArray()),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            request.ContentType,
            body,
            parts,
            form);
        context.Items[ItemKey] = recorded;
        platform.Record(platform.RecordBodies ? recorded : recorded with { Body = [], Parts = [] });

        var fault = platform.TakeFault(request.Method, recorded.Path);
        if (fault is not null)
        {
            context.Response.StatusCode = fault.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(fault.Body, context.RequestAborted);
            return;
        }
        await next();
    }

    private static async Task<IReadOnlyList<RecordedPart>> ReadPartsAsync(string? contentType, byte[] body)
    {
        if (contentType is null || !contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(contentType).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        var parts = new List<RecordedPart>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition);
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content);
            parts.Add(new RecordedPart(
                HeaderUtilities.RemoveQuotes(disposition?.Name ?? "").Value ?? "",
                disposition?.FileName.HasValue == true ? HeaderUtilities.RemoveQuotes(disposition.FileName).Value : null,
                section.ContentType,
                content.ToArray()));
        }
        return parts;
    }
}
