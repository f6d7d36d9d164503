namespace Substra.Sdk.Local.Compute;

/// <summary>
/// A spawner whose functions see the task's <c>inputs/</c> folder through a read-only mount (docker): a write through a
/// hard link there fails, so input files may be hard links to the kept models and registered openers instead of copies.
/// </summary>
internal interface IMountsInputsReadOnly
{
}
