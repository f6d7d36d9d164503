namespace Substra.Tools;

/// <summary>
/// Loads the data samples of a dataset. The platform calls it at task time with the task's data-sample folders.
/// </summary>
/// <typeparam name="TData">What functions receive through a <see cref="DataSamplesAttribute"/> parameter.</typeparam>
public interface IOpener<out TData>
{
    /// <summary>Loads the data of the given data-sample folders.</summary>
    TData GetData(IReadOnlyList<string> folders);

    /// <summary>Makes <paramref name="nSamples"/> fake samples, used with <c>--fake-data</c> (hybrid mode).</summary>
    TData FakeData(int nSamples);
}
