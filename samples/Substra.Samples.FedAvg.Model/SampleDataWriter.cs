namespace Substra.Samples.FedAvg.Model;

/// <summary>
/// Writes the sample's data under a work folder: for each organisation, <c>org-N/train-K/data.csv</c> sample folders and
/// one <c>org-N/test/data.csv</c>. Same settings, same bytes.
/// </summary>
public static class SampleDataWriter
{
    public static IReadOnlyList<OrganisationData> Write(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var result = new List<OrganisationData>(FedAvgSettings.Organisations);
        for (int index = 0; index < FedAvgSettings.Organisations; index++)
        {
            LabeledData rows = SyntheticData.Generate(index, FedAvgSettings.RowsPerOrganisation[index]);
            int testRows = (int)Math.Round(rows.Count * FedAvgSettings.TestShare);
            int trainRows = rows.Count - testRows;
            string organisationDirectory = Path.Combine(dataDirectory, $"org-{index + 1}");

            var trainFolders = new List<string>(FedAvgSettings.TrainSamplesPerOrganisation);
            int perSample = (int)Math.Ceiling((double)trainRows / FedAvgSettings.TrainSamplesPerOrganisation);
            for (int sample = 0; sample < FedAvgSettings.TrainSamplesPerOrganisation; sample++)
            {
                int start = sample * perSample;
                int end = Math.Min(start + perSample, trainRows);
                trainFolders.Add(WriteSample(Path.Combine(organisationDirectory, $"train-{sample + 1}"), Slice(rows, start, end)));
            }

            string testFolder = WriteSample(Path.Combine(organisationDirectory, "test"), Slice(rows, trainRows, rows.Count));
            result.Add(new OrganisationData(index, trainFolders, testFolder));
        }

        return result;
    }

    private static LabeledData Slice(LabeledData rows, int start, int end)
        => new(rows.Features.Skip(start).Take(end - start).ToList(), rows.Labels.Skip(start).Take(end - start).ToList());

    private static string WriteSample(string folder, LabeledData rows)
    {
        Directory.CreateDirectory(folder);
        SyntheticData.WriteCsv(rows, Path.Combine(folder, SyntheticData.FileName));
        return Path.GetFullPath(folder);
    }
}
