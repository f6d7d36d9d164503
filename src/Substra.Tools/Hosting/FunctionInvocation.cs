namespace Substra.Tools.Hosting;

/// <summary>
/// What generated dispatch code asks of the runtime while binding one task's parameters.
/// Identifiers are the function's input and output identifiers.
/// </summary>
public abstract class FunctionInvocation
{
    /// <summary>The task's service scope; the declaring class is resolved from it.</summary>
    public abstract IServiceProvider Services { get; }

    /// <summary>The parsed <c>--task-properties</c>.</summary>
    public abstract TaskProperties TaskProperties { get; }

    /// <summary>Cancelled when the task is asked to stop (SIGTERM, Ctrl+C).</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>What the opener returned for the task's data samples, as <typeparamref name="TData"/>.</summary>
    public abstract TData GetData<TData>();

    /// <summary>
    /// What the opener returned for the task's data samples: a .NET opener's <typeparamref name="TData"/> as it is, or what
    /// a Python opener returned, converted by <paramref name="fromPython"/> (generated for the parameter's type).
    /// </summary>
    public virtual TData GetData<TData>(Func<Python.PythonValue, TData> fromPython) => GetData<TData>();

    /// <summary>The path of a single input; <c>null</c> when the optional input is absent.</summary>
    public abstract string? GetInputPath(string identifier);

    /// <summary>The paths of a multiple input, in the order given; empty when absent.</summary>
    public abstract IReadOnlyList<string> GetInputPaths(string identifier);

    /// <summary>A single input opened for reading (disposed by the runtime); <c>null</c> when the optional input is absent.</summary>
    public abstract Stream? OpenInput(string identifier);

    /// <summary>The inputs of a multiple input opened for reading (disposed by the runtime).</summary>
    public abstract IReadOnlyList<Stream> OpenInputs(string identifier);

    /// <summary>The path an output must be written to.</summary>
    public abstract string GetOutputPath(string identifier);

    /// <summary>A new file for an output, opened for writing (flushed and closed by the runtime).</summary>
    public abstract Stream CreateOutput(string identifier);

    /// <summary>A performance output parameter; its reported value is written when the function returns.</summary>
    public abstract PerformanceOutput GetPerformanceOutput(string identifier);

    /// <summary>Records a performance returned by the function.</summary>
    public abstract void SetPerformance(string identifier, double value);
}
