using System.Text.Json.Nodes;

namespace Substra.Sdk.Exceptions;

/// <summary>
/// The request was refused as invalid (HTTP 400). <see cref="Errors"/> holds the parsed body. Validation errors of the
/// local backend also carry <see cref="ErrorCode"/> (<c>OE0101</c> for inputs/outputs errors) with status 400.
/// </summary>
public class InvalidRequestException(
    string message, int? statusCode = 400, JsonNode? errors = null, string? errorCode = null, Exception? innerException = null)
    : HttpErrorException(message, statusCode, innerException)
{
    /// <summary>The parsed error body, when there was one.</summary>
    public JsonNode? Errors { get; } = errors;

    /// <summary>An error code of the platform, such as <c>OE0101</c>.</summary>
    public string? ErrorCode { get; } = errorCode;
}
