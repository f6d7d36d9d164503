using System.Text.Json.Serialization;

namespace Substra.Sdk;

/// <summary>The asset types of the platform (the reference's <c>schemas.Type</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssetType>))]
public enum AssetType
{
    /// <summary><c>function</c></summary>
    [JsonStringEnumMemberName("function")]
    Function,
    /// <summary><c>function_output</c></summary>
    [JsonStringEnumMemberName("function_output")]
    FunctionOutput,
    /// <summary><c>function_input</c></summary>
    [JsonStringEnumMemberName("function_input")]
    FunctionInput,
    /// <summary><c>data_sample</c></summary>
    [JsonStringEnumMemberName("data_sample")]
    DataSample,
    /// <summary><c>dataset</c></summary>
    [JsonStringEnumMemberName("dataset")]
    Dataset,
    /// <summary><c>model</c></summary>
    [JsonStringEnumMemberName("model")]
    Model,
    /// <summary><c>compute_plan</c></summary>
    [JsonStringEnumMemberName("compute_plan")]
    ComputePlan,
    /// <summary><c>organization</c></summary>
    [JsonStringEnumMemberName("organization")]
    Organization,
    /// <summary><c>task</c></summary>
    [JsonStringEnumMemberName("task")]
    Task,
    /// <summary><c>input_asset</c></summary>
    [JsonStringEnumMemberName("input_asset")]
    InputAsset,
    /// <summary><c>output_asset</c></summary>
    [JsonStringEnumMemberName("output_asset")]
    OutputAsset,
}
