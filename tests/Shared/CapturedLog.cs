using Microsoft.Extensions.Logging;

namespace Substra.Tests.Shared;

public sealed record CapturedLog(LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " " + Exception)}";
}
