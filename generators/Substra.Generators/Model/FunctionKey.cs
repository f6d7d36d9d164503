using Substra.Generators.Helpers;

namespace Substra.Generators.Model;

/// <summary>
/// A function's name, where it is written and the method that declares it (<c>Sample.Functions.A.Train</c>), for the
/// project-wide checks of names.
/// </summary>
/// <remarks>Immutable and structurally equal all the way down, otherwise we risk breaking incremental caching.</remarks>
internal sealed record FunctionKey(string Name, LocationInfo? Location, string Method)
{
    private const string GlobalPrefix = "global::";

    public static FunctionKey From(FunctionModel function, LocationInfo? nameLocation)
    {
        var type = function.DeclaringTypeName.StartsWith(GlobalPrefix, StringComparison.Ordinal)
            ? function.DeclaringTypeName.Substring(GlobalPrefix.Length)
            : function.DeclaringTypeName;
        return new FunctionKey(function.Name, nameLocation, type + "." + function.MethodName);
    }
}
