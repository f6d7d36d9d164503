namespace Substra.Generators.Model;

/// <summary>How a function parameter is bound from the task's resources (one FunctionInvocation call each).</summary>
internal enum ParameterBinding
{
    Data,
    InputPath,
    InputStream,
    InputPaths,
    InputStreams,
    OutputPath,
    OutputStream,
    PerformanceOutput,
    TaskProperties,
    CancellationToken,
}
