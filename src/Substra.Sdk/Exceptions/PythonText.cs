namespace Substra.Sdk.Exceptions;

/// <summary>Formats keys in messages as the reference does (a list prints as <c>['a', 'b']</c>).</summary>
internal static class PythonText
{
    public static string Format(object? value) => value switch
    {
        null => "None",
        string text => text,
        IEnumerable<string> items => "[" + string.Join(", ", items.Select(item => $"'{item}'")) + "]",
        _ => value.ToString() ?? "",
    };
}
