using Substra.Tools.Cli;
using Substra.Tools.Openers;
using Substra.Tools.Python;
using Substra.Tools.Schema;

namespace Substra.Tools.Hosting;

/// <summary>
/// One task's view for generated dispatch code: resolves input and output identifiers to paths and streams, holds the
/// opener's data, and, once the function returns, closes streams, writes performances and checks every output file.
/// </summary>
internal sealed class TaskInvocation(
    TaskBinding binding,
    TaskServices services,
    TaskProperties taskProperties,
    LoadedOpener? opener,
    object? data,
    PythonValue? pythonData,
    CancellationToken cancellationToken) : FunctionInvocation, IDisposable
{
    private readonly List<Stream> _readStreams = [];
    private readonly List<Stream> _writeStreams = [];
    private readonly Dictionary<string, PerformanceOutput> _performanceOutputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _performances = new(StringComparer.Ordinal);

    private string FunctionName => binding.Schema.Name;

    public override IServiceProvider Services => services.Provider;

    public override TaskProperties TaskProperties => taskProperties;

    public override CancellationToken CancellationToken => cancellationToken;

    public override TData GetData<TData>(Func<PythonValue, TData> fromPython)
    {
        ArgumentNullException.ThrowIfNull(fromPython);
        if (pythonData is null)
        {
            return GetData<TData>();
        }

        try
        {
            return fromPython(pythonData);
        }
        catch (PythonDataException exception)
        {
            throw new TaskFailureException($"The Python opener's data does not fit the function '{FunctionName}': {exception.Message}", exception);
        }
    }

    public override TData GetData<TData>()
    {
        if (pythonData is not null)
        {
            throw new TaskFailureException(
                $"The function '{FunctionName}' was given a Python opener, but its registration has no conversion for {typeof(TData).FullName}: "
                + "mark its [DataSamples] parameter PythonOpener = true and rebuild, so that the generator emits one.");
        }

        if (opener is null)
        {
            throw new TaskFailureException($"The function '{FunctionName}' reads data samples, but the task has no '{TaskBinding.OpenerId}' input.");
        }

        if (data is TData typed)
        {
            return typed;
        }

        if (data is null && default(TData) is null && typeof(TData).IsAssignableFrom(opener.Factory.DataType))
        {
            return default!;
        }

        var expected = typeof(TData);
        var actual = data?.GetType() ?? opener.Factory.DataType;
        var detail = expected.FullName == actual.FullName
            ? $" The type is loaded twice: the function's comes from '{LocationOf(expected)}', the opener's from '{LocationOf(actual)}'; build both against the same version of the assembly that declares it."
            : string.Empty;
        throw new TaskFailureException(
            $"The opener '{opener.Manifest.Name}' returns {actual.FullName}, but the function '{FunctionName}' expects {expected.FullName}.{detail}");
    }

    public override string? GetInputPath(string identifier)
    {
        var declared = Input(identifier);
        if (declared.Multiple)
        {
            throw new InvalidOperationException($"The input '{identifier}' of the function '{FunctionName}' is multiple: use GetInputPaths.");
        }

        return binding.Inputs.TryGetValue(identifier, out var paths) ? paths[0] : null;
    }

    public override IReadOnlyList<string> GetInputPaths(string identifier)
    {
        _ = Input(identifier);
        return binding.Inputs.TryGetValue(identifier, out var paths) ? paths : [];
    }

    public override Stream? OpenInput(string identifier)
    {
        var path = GetInputPath(identifier);
        return path is null ? null : OpenRead(identifier, path);
    }

    public override IReadOnlyList<Stream> OpenInputs(string identifier)
        => GetInputPaths(identifier).Select(path => OpenRead(identifier, path)).ToList();

    public override string GetOutputPath(string identifier)
        => binding.Outputs.TryGetValue(identifier, out var path)
            ? path
            : throw new InvalidOperationException($"The function '{FunctionName}' has no output '{identifier}'.");

    public override Stream CreateOutput(string identifier)
    {
        var path = GetOutputPath(identifier);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _writeStreams.Add(stream);
        return stream;
    }

    public override PerformanceOutput GetPerformanceOutput(string identifier)
    {
        _ = GetOutputPath(identifier);
        if (!_performanceOutputs.TryGetValue(identifier, out var output))
        {
            output = new PerformanceOutput(identifier);
            _performanceOutputs.Add(identifier, output);
        }

        return output;
    }

    public override void SetPerformance(string identifier, double value)
    {
        _ = GetOutputPath(identifier);
        _performances[identifier] = value;
    }

    /// <summary>After the function returned: flush and close its streams, write performances, check every output file.</summary>
    public void Complete()
    {
        foreach (var stream in _writeStreams)
        {
            stream.Flush();
        }

        Dispose();

        foreach (var (identifier, output) in _performanceOutputs)
        {
            if (output.Value is { } value)
            {
                _performances[identifier] = value;
            }
            else if (!_performances.ContainsKey(identifier))
            {
                throw new TaskFailureException(
                    $"The performance output '{identifier}' of the function '{FunctionName}' was not reported: call Report(value) on it before the function returns.");
            }
        }

        foreach (var (identifier, value) in _performances)
        {
            File.WriteAllText(binding.Outputs[identifier], PythonJson.FormatPerformance(value));
        }

        foreach (var output in binding.Schema.Outputs)
        {
            CheckOutputFile(output.Identifier, binding.Outputs[output.Identifier]);
        }
    }

    /// <summary>Closes every stream opened for the function; called whether it succeeded or not.</summary>
    public void Dispose()
    {
        foreach (var stream in _readStreams)
        {
            stream.Dispose();
        }

        foreach (var stream in _writeStreams)
        {
            stream.Dispose();
        }

        _readStreams.Clear();
        _writeStreams.Clear();
    }

    // Only describes a type loaded twice, which needs assembly loading: a native app never gets here.
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "Empty in a single-file app, which loads no opener assembly.")]
    private static string LocationOf(Type type) => type.Assembly.Location;

    /// <summary>substratools' messages: NotAFileError and MissingFileError.</summary>
    private static void CheckOutputFile(string identifier, string path)
    {
        if (Directory.Exists(path))
        {
            throw new TaskFailureException($"Expected output file at {path}, found dir for output `{identifier}`");
        }

        if (!File.Exists(path))
        {
            throw new TaskFailureException($"Output file {path} used to save argument `{identifier}` does not exists.");
        }
    }

    private FunctionInputSchema Input(string identifier)
        => binding.Schema.Inputs.FirstOrDefault(input => input.Identifier == identifier)
            ?? throw new InvalidOperationException($"The function '{FunctionName}' has no input '{identifier}'.");

    private FileStream OpenRead(string identifier, string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TaskFailureException($"The input '{identifier}' file {path} does not exist.", exception);
        }

        _readStreams.Add(stream);
        return stream;
    }
}
