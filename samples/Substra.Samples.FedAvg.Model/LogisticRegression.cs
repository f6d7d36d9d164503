using System.Buffers.Binary;

namespace Substra.Samples.FedAvg.Model;

/// <summary>A binary logistic regression: p(y=1|x) = σ(w·x + b). Immutable; training returns a new instance.</summary>
public sealed class LogisticRegression
{
    // "SLR1": lets a corrupted or foreign model file fail with a clear message instead of garbage weights.
    private const uint Magic = 0x31524C53;
    private const int HeaderSize = 24;

    public LogisticRegression(IReadOnlyList<double> weights, double bias, long trainedRows = 0)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(trainedRows);
        Weights = weights.ToArray();
        Bias = bias;
        TrainedRows = trainedRows;
    }

    public IReadOnlyList<double> Weights { get; }

    public double Bias { get; }

    /// <summary>How many rows the last local training saw: FedAvg weights each organisation's model by it.</summary>
    public long TrainedRows { get; }

    /// <summary>The untrained model: all weights zero, so every prediction starts at 0.5.</summary>
    public static LogisticRegression Zero(int featureCount) => new(new double[featureCount], 0);

    public double PredictProbability(double[] features)
    {
        CheckWidth(features.Length);
        double z = Bias;
        for (int j = 0; j < features.Length; j++)
        {
            z += Weights[j] * features[j];
        }

        return Sigmoid(z);
    }

    public int Predict(double[] features) => PredictProbability(features) >= 0.5 ? 1 : 0;

    /// <summary>The share of rows whose predicted label is the true label.</summary>
    public double Accuracy(LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ArgumentException("Accuracy needs at least one row; the data set is empty.", nameof(data));
        }

        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            if (Predict(data.Features[i]) == data.Labels[i])
            {
                correct++;
            }
        }

        return (double)correct / data.Count;
    }

    /// <summary>Little-endian: magic, feature count, trained rows, bias, weights. Bit-exact, so a round trip changes nothing.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[HeaderSize + (8 * Weights.Count)];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(4), Weights.Count);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(8), TrainedRows);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(16), Bias);
        for (int j = 0; j < Weights.Count; j++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(HeaderSize + (8 * j)), Weights[j]);
        }

        stream.Write(buffer);
    }

    public static LogisticRegression ReadFrom(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        ReadOnlySpan<byte> bytes = copy.GetBuffer().AsSpan(0, (int)copy.Length);
        if (bytes.Length < HeaderSize || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            throw new InvalidDataException("This is not a logistic-regression model file written by LogisticRegression.WriteTo (bad header).");
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (count < 0 || bytes.Length != HeaderSize + (8L * count))
        {
            throw new InvalidDataException($"The model file declares {count} weights but holds {bytes.Length} bytes: it is truncated or corrupted.");
        }

        long trainedRows = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
        if (trainedRows < 0)
        {
            throw new InvalidDataException($"The model file declares {trainedRows} trained rows: it is corrupted.");
        }

        double bias = BinaryPrimitives.ReadDoubleLittleEndian(bytes[16..]);
        var weights = new double[count];
        for (int j = 0; j < count; j++)
        {
            weights[j] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(HeaderSize + (8 * j))..]);
        }

        return new LogisticRegression(weights, bias, trainedRows);
    }

    public void Save(string path)
    {
        using FileStream file = File.Create(path);
        WriteTo(file);
    }

    public static LogisticRegression Load(string path)
    {
        using FileStream file = File.OpenRead(path);
        return ReadFrom(file);
    }

    internal void CheckWidth(int featureCount)
    {
        if (featureCount != Weights.Count)
        {
            throw new ArgumentException($"The model has {Weights.Count} weights but the row has {featureCount} features.");
        }
    }

    internal static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
