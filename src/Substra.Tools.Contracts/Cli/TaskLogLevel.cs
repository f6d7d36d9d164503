namespace Substra.Tools.Cli;

/// <summary>The values of <c>--log-level</c>; their wire names are the lower-case names.</summary>
internal enum TaskLogLevel
{
    /// <summary><c>debug</c></summary>
    Debug,
    /// <summary><c>info</c> (the default)</summary>
    Info,
    /// <summary><c>warning</c></summary>
    Warning,
    /// <summary><c>error</c></summary>
    Error,
    /// <summary><c>critical</c></summary>
    Critical,
}
