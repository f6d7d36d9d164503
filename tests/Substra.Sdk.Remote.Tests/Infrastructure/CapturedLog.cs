using Microsoft.Extensions.Logging;

namespace Substra.Sdk.Remote.Tests.Infrastructure;

public sealed record CapturedLog(LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " " + Exception)}";
}
