namespace Substra.Sdk.Remote.Tests.Platform;

/// <summary>Answers <see cref="Times"/> matching requests with <see cref="Status"/> and <see cref="Body"/>, then lets them through.</summary>
public sealed class FaultRule(string method, string pathPrefix, int status, int times, string body)
{
    private int _remaining = times;

    public string Method { get; } = method;
    public string PathPrefix { get; } = pathPrefix;
    public int Status { get; } = status;
    public string Body { get; } = body;
    public int Remaining => Volatile.Read(ref _remaining);

    public bool TryConsume(string requestMethod, string path)
    {
        if (!string.Equals(requestMethod, Method, StringComparison.OrdinalIgnoreCase) || !path.StartsWith(PathPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        while (true)
        {
            var current = Volatile.Read(ref _remaining);
            if (current <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _remaining, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
