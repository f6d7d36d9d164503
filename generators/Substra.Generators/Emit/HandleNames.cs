using Substra.Generators.Model;

namespace Substra.Generators.Emit;

/// <summary>
/// Property names of the handles of one declaring type (<c>train</c> → <c>Handles.Train</c> of type <c>TrainHandle</c>).
/// Both the handles and the registry call this on the same sorted functions, so they agree.
/// </summary>
internal static class HandleNames
{
    public static Dictionary<string, string> Assign(IEnumerable<FunctionModel> functionsOfOneType)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal) { "Handles" };
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var function in functionsOfOneType)
        {
            var baseName = Names.ToPascalCase(function.Name);
            var candidate = baseName;
            for (var index = 2; taken.Contains(candidate) || taken.Contains(candidate + "Handle"); index++)
            {
                candidate = baseName + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            taken.Add(candidate);
            taken.Add(candidate + "Handle");
            names[function.Name] = candidate;
        }

        return names;
    }
}
