namespace Substra.Generators;

/// <summary>The names of the tracked pipeline stages; caching tests read them by reflection.</summary>
public static class TrackingNames
{
    public const string Options = "Substra.Options";
    public const string CompilationInfo = "Substra.CompilationInfo";
    public const string FunctionResults = "Substra.FunctionResults";
    public const string Functions = "Substra.Functions";
    public const string FunctionKeys = "Substra.FunctionKeys";
    public const string FunctionDiagnostics = "Substra.FunctionDiagnostics";
    public const string OpenerResults = "Substra.OpenerResults";
    public const string OpenerDiagnostics = "Substra.OpenerDiagnostics";
    public const string StartupResults = "Substra.StartupResults";
    public const string StartupDiagnostics = "Substra.StartupDiagnostics";
    public const string CollectedFunctions = "Substra.CollectedFunctions";
    public const string CollectedOpeners = "Substra.CollectedOpeners";
    public const string CollectedStartups = "Substra.CollectedStartups";
    public const string ProjectDiagnostics = "Substra.ProjectDiagnostics";
    public const string UnmarkedAttributes = "Substra.UnmarkedAttributes";
    public const string UnmarkedDiagnostics = "Substra.UnmarkedDiagnostics";
    public const string Project = "Substra.Project";
}
