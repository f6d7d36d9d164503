namespace Substra.Tools.Schema;

/// <summary>The kind of a function input or output; the wire names are <c>ASSET_MODEL</c>, <c>ASSET_PERFORMANCE</c>, …</summary>
public enum AssetKind
{
    /// <summary><c>ASSET_MODEL</c></summary>
    Model,
    /// <summary><c>ASSET_PERFORMANCE</c></summary>
    Performance,
    /// <summary><c>ASSET_DATA_MANAGER</c> (the opener)</summary>
    DataManager,
    /// <summary><c>ASSET_DATA_SAMPLE</c></summary>
    DataSample,
}
