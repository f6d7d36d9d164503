namespace Substra.Tools.Cli;

/// <summary>
/// The task command line breaks the substratools contract (an argparse error or an invalid <c>--inputs</c>/<c>--outputs</c>).
/// The process exits with code 2, like argparse.
/// </summary>
internal sealed class InvalidCliException(string message) : Exception(message)
{
}
