namespace Substra.Samples.FedAvg;

/// <summary>How a model of the report was trained.</summary>
public enum ModelKind
{
    /// <summary>By one organisation on its own data only, for as many rounds as FedAvg.</summary>
    LocalOnly,

    /// <summary>By FedAvg over every organisation: one model per round.</summary>
    FedAvg,

    /// <summary>On the pooled data of every organisation, in one place: what FedAvg would reach if data could move.</summary>
    Centralised,
}
