namespace Substra.Sdk.Local.Compute;

/// <summary>The function could not be prepared: archive, entrypoint or image build. The task fails with BUILD_ERROR.</summary>
internal sealed class BuildException(string message, string? log = null, Exception? inner = null) : Exceptions.SdkException(message, inner)
{
    /// <summary>The build log, kept as the task's logs.</summary>
    public string? Log { get; } = log;
}

/// <summary>The function ran and failed. The task fails with EXECUTION_ERROR.</summary>
internal sealed class ExecutionException(string message, int? exitCode = null, Exception? inner = null) : Exceptions.SdkException(message, inner)
{
    /// <summary>The process or container exit code, when it exited.</summary>
    public int? ExitCode { get; } = exitCode;
}
