using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Substra.Tools.Cli;
using Substra.Tools.Logging;
using Substra.Tools.Openers;
using Substra.Tools.Python;

namespace Substra.Tools.Hosting;

/// <summary>The generated entry point of a function project calls this.</summary>
public static class SubstraFunctionHost
{
    /// <summary>Exit code of a command line that breaks the contract (argparse's).</summary>
    public const int InvalidCommandLineExitCode = 2;

    private const string DisableDynamicEngineSwitch = "Microsoft.Extensions.DependencyInjection.DisableDynamicEngine";

    /// <summary>Exit code of any other failure.</summary>
    public const int FailureExitCode = 1;

    /// <summary>
    /// Parses the substratools command line, builds the task's container, loads the opener, runs the named function and
    /// checks its outputs. Returns the process exit code: 0 on success, 2 for an invalid command line, 1 for any other
    /// failure (with a one-line reason on stderr and the full exception in the <c>--log-path</c> file).
    /// </summary>
    /// <remarks>
    /// Synchronous on purpose: a task is one short-lived process, and every async state machine on this path is code the
    /// JIT compiles at start-up even in a ReadyToRun image. An async function is awaited by blocking, which is safe in a
    /// console process (no synchronization context).
    /// </remarks>
    public static int Run(
        string[] args,
        IReadOnlyList<FunctionDescriptor> functions,
        Action<IServiceCollection> configureServices)
        => Run(args, functions, configureServices, [], Console.Out, Console.Error);

    /// <summary>
    /// <see cref="Run(string[], IReadOnlyList{FunctionDescriptor}, Action{IServiceCollection})"/>, with the openers
    /// compiled into the app: an opener artifact that names one of them runs its code, without loading assemblies
    /// (the only way a native app runs a .NET opener).
    /// </summary>
    public static int Run(
        string[] args,
        IReadOnlyList<FunctionDescriptor> functions,
        Action<IServiceCollection> configureServices,
        IReadOnlyList<OpenerDescriptor> openers)
        => Run(args, functions, configureServices, openers, Console.Out, Console.Error);

    internal static int Run(
        string[] args,
        IReadOnlyList<FunctionDescriptor> functions,
        Action<IServiceCollection> configureServices,
        TextWriter standardOutput,
        TextWriter standardError)
        => Run(args, functions, configureServices, [], standardOutput, standardError);

    internal static int Run(
        string[] args,
        IReadOnlyList<FunctionDescriptor> functions,
        Action<IServiceCollection> configureServices,
        IReadOnlyList<OpenerDescriptor> openers,
        TextWriter standardOutput,
        TextWriter standardError)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(configureServices);
        ArgumentNullException.ThrowIfNull(openers);

        using var log = new TaskLog(standardError);
        TaskCommandLine commandLine;
        try
        {
            commandLine = TaskCommandLine.Parse(args);
        }
        catch (InvalidCliException exception)
        {
            log.WriteFailure(exception.Message, null);
            return InvalidCommandLineExitCode;
        }

        if (commandLine.HelpRequested)
        {
            standardOutput.WriteLine(TaskCommandLine.Usage);
            standardOutput.WriteLine("functions: " + KnownNames(functions));
            return 0;
        }

        log.MinimumLevel = ToLogLevel(commandLine.LogLevel);
        using var cancellation = new TaskCancellation();
        try
        {
            if (commandLine.LogPath is not null)
            {
                log.OpenFile(commandLine.LogPath);
            }

            RunTask(commandLine, functions, configureServices, openers, log, cancellation.Token);
            return 0;
        }
        catch (OperationCanceledException exception) when (cancellation.IsCancellationRequested)
        {
            log.WriteFailure("The task was cancelled (SIGTERM or Ctrl+C).", exception);
            return FailureExitCode;
        }
        catch (Exception exception)
        {
            log.WriteFailure(Reason(exception), exception);
            return FailureExitCode;
        }
    }

    private static void RunTask(
        TaskCommandLine commandLine,
        IReadOnlyList<FunctionDescriptor> functions,
        Action<IServiceCollection> configureServices,
        IReadOnlyList<OpenerDescriptor> openers,
        TaskLog log,
        CancellationToken cancellationToken)
    {
        var function = FindFunction(commandLine.FunctionName, functions);
        var binding = TaskBinding.Bind(function.Schema, commandLine);
        var pythonOpener = binding.OpenerPath is { } openerPath && IsPythonOpener(openerPath) ? openerPath : null;
        if (pythonOpener is not null && !function.ReadsPythonOpeners)
        {
            throw new TaskFailureException(
                $"The opener '{pythonOpener}' is a Python opener (a text module), but the function '{function.Name}' does not read Python openers. "
                + "Declare its parameter [DataSamples(PythonOpener = true)] with a type the Python bridge produces (docs/python-openers.md), "
                + "or register the dataset with a .NET opener artifact (dotnet build of a project with a [SubstraOpener] class gives <name>.opener).");
        }

        var opener = binding.OpenerPath is null || pythonOpener is not null ? null : OpenerLoader.Load(binding.OpenerPath, openers);
        if (commandLine.FakeData && binding.OpenerPath is not null && commandLine.NFakeSamples is null)
        {
            throw new TaskFailureException("--fake-data needs --n-fake-samples: the opener makes that many fake samples.");
        }

        // One resolution per service in a short-lived process: compiling resolvers (the dynamic engine) costs more than it saves.
        if (!AppContext.TryGetSwitch(DisableDynamicEngineSwitch, out _))
        {
            AppContext.SetSwitch(DisableDynamicEngineSwitch, true);
        }

        var services = new ServiceCollection();
        var loggerFactory = new TaskLoggerFactory(log);
        services.AddSingleton<ILoggerFactory>(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        configureServices(services);
        opener?.Factory.ConfigureServices(services);

        using var taskServices = new TaskServices(services);
        RunFunction(function, binding, commandLine, opener, pythonOpener, taskServices, log, loggerFactory.CreateLogger("substratools"), cancellationToken);
    }

    /// <summary>A Python opener is a text module; anything else goes to the artifact loader, whose errors say what the file is.</summary>
    private static bool IsPythonOpener(string path) => File.Exists(path) && OpenerArtifact.Detect(path) == OpenerFileKind.PythonModule;

    private static void RunFunction(
        FunctionDescriptor function,
        TaskBinding binding,
        TaskCommandLine commandLine,
        LoadedOpener? opener,
        string? pythonOpener,
        TaskServices services,
        TaskLog log,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Running the function '{Function}' with rank {Rank}.", function.Name, commandLine.TaskProperties.Rank);
        }

        object? data = null;
        if (opener is not null)
        {
            data = commandLine.FakeData
                ? opener.Factory.FakeData(services.Provider, commandLine.NFakeSamples!.Value)
                : opener.Factory.GetData(services.Provider, binding.DataSampleFolders);
        }

        PythonValue? pythonData = null;
        if (pythonOpener is not null)
        {
            pythonData = PythonBridge.Run(
                pythonOpener,
                binding.DataSampleFolders,
                commandLine.FakeData ? commandLine.NFakeSamples!.Value : null,
                log.WriteRaw,
                cancellationToken);
        }

        using var invocation = new TaskInvocation(binding, services, commandLine.TaskProperties, opener, data, pythonData, cancellationToken);
        Blocking.Wait(function.Invoke(invocation));
        invocation.Complete();

        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("The function '{Function}' completed.", function.Name);
        }
    }

    private static FunctionDescriptor FindFunction(string? name, IReadOnlyList<FunctionDescriptor> functions)
    {
        foreach (var function in functions)
        {
            if (function.Name == name)
            {
                return function;
            }
        }

        throw new TaskFailureException(name is null
            ? $"No --function-name given. Known functions: {KnownNames(functions)}."
            : $"Function '{name}' not found. Known functions: {KnownNames(functions)}.");
    }

    private static string KnownNames(IReadOnlyList<FunctionDescriptor> functions)
        => string.Join(", ", functions.Select(function => function.Name).Order(StringComparer.Ordinal));

    private static string Reason(Exception exception) => exception switch
    {
        TaskFailureException or OpenerArtifactException or PythonBridgeException => exception.Message,
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Reason(inner),
        _ => $"{exception.GetType().FullName}: {exception.Message}",
    };

    private static LogLevel ToLogLevel(TaskLogLevel level) => level switch
    {
        TaskLogLevel.Debug => LogLevel.Debug,
        TaskLogLevel.Info => LogLevel.Information,
        TaskLogLevel.Warning => LogLevel.Warning,
        TaskLogLevel.Error => LogLevel.Error,
        _ => LogLevel.Critical,
    };
}
