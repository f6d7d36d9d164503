namespace Substra.Sdk.Exceptions;

/// <summary>HTTP 409: the asset <see cref="Key"/> already exists.</summary>
public class AlreadyExistsException : HttpErrorException
{
    /// <param name="key">The key (a string) or keys (a list of strings) of the existing assets.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="innerException">The cause, if any.</param>
    public AlreadyExistsException(object? key, int? statusCode = 409, Exception? innerException = null)
        : base($"Object with key(s) '{PythonText.Format(key)}' already exists.", statusCode, innerException)
    {
        Key = key;
    }

    private AlreadyExistsException(string message, string detail, int? statusCode)
        : base(message, statusCode)
    {
        Detail = detail;
    }

    /// <summary>The key (a string) or keys (a list of strings), as the body gave them; null when the body named none.</summary>
    public object? Key { get; }

    /// <summary>What the platform said when its answer named no key (its <c>detail</c>, or the body).</summary>
    public string? Detail { get; }

    /// <summary>The keys as a list (one element for a single key, none when the body named no key).</summary>
    public IReadOnlyList<string> Keys => Key switch
    {
        IEnumerable<string> keys when Key is not string => keys.ToArray(),
        null => [],
        _ => [Key.ToString() ?? ""],
    };

    /// <summary>A 409 whose body holds no key (the platform answers <c>{"detail": "…"}</c>): the detail is all there is.</summary>
    public static AlreadyExistsException WithoutKey(string detail, int? statusCode = 409) =>
        new(
            $"The object already exists, but the platform's answer names no key: {detail.TrimEnd('.')}. "
            + "Look the existing object up (for example by name) to get its key.",
            detail,
            statusCode);
}
