using Microsoft.Extensions.DependencyInjection;

namespace Substra.Tools.Hosting;

/// <summary>The generated entry point of a function project calls this.</summary>
public static class SubstraFunctionHost
{
    /// <summary>
    /// Parses the substratools command line, builds the task's container, loads the opener, runs the named function and
    /// checks its outputs. Returns the process exit code.
    /// </summary>
    public static Task<int> RunAsync(
        string[] args,
        IReadOnlyList<FunctionDescriptor> functions,
        Action<IServiceCollection> configureServices)
        => throw new NotImplementedException("Placeholder until the runtime lands.");
}
