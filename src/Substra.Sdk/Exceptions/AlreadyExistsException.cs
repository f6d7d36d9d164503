namespace Substra.Sdk.Exceptions;

/// <summary>HTTP 409: the asset <see cref="Key"/> already exists.</summary>
public class AlreadyExistsException(object? key, int? statusCode = 409, Exception? innerException = null)
    : HttpErrorException($"Object with key(s) '{PythonText.Format(key)}' already exists.", statusCode, innerException)
{
    /// <summary>The key (a string) or keys (a list of strings), as the body gave them.</summary>
    public object? Key { get; } = key;

    /// <summary>The keys as a list (one element for a single key).</summary>
    public IReadOnlyList<string> Keys => Key switch
    {
        IEnumerable<string> keys when Key is not string => keys.ToArray(),
        null => [],
        _ => [Key.ToString() ?? ""],
    };
}
