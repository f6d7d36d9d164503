namespace Substra.Tools.Python;

/// <summary>C# names of the element types the bridge converts to, for messages.</summary>
internal static class TypeNames
{
    public static string Of(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Of(underlying) + "?";
        }

        return type == typeof(double) ? "double"
            : type == typeof(float) ? "float"
            : type == typeof(long) ? "long"
            : type == typeof(int) ? "int"
            : type == typeof(bool) ? "bool"
            : type == typeof(string) ? "string"
            : type.Name;
    }
}
