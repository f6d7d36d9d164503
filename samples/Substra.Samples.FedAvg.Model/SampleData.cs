namespace Substra.Samples.FedAvg.Model;

/// <summary>One organisation's generated data on disk: its training sample folders and its test sample folder.</summary>
public sealed record OrganisationData(int Index, IReadOnlyList<string> TrainFolders, string TestFolder)
{
    public LabeledData ReadTrain() => LabeledData.Concat(TrainFolders.Select(f => SyntheticData.ReadCsv(Path.Combine(f, SyntheticData.FileName))));

    public LabeledData ReadTest() => SyntheticData.ReadCsv(Path.Combine(TestFolder, SyntheticData.FileName));
}
