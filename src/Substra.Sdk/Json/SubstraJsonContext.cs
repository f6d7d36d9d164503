using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Json;

/// <summary>
/// The source-generated JSON metadata of every spec and model, with the reference's wire names. Unknown fields are ignored,
/// missing required fields and nulls in required fields are errors, nulls are not written (except in <see cref="InputRef"/>).
/// Read and write through <see cref="SubstraJson.Options"/>, which adds the declared defaults of absent or null optional fields.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(AssetKindJsonConverter)])]
[JsonSerializable(typeof(Schemas.Permissions))]
[JsonSerializable(typeof(DataSampleSpec))]
[JsonSerializable(typeof(DatasetSpec))]
[JsonSerializable(typeof(FunctionInputSpec))]
[JsonSerializable(typeof(FunctionOutputSpec))]
[JsonSerializable(typeof(FunctionSpec))]
[JsonSerializable(typeof(FunctionSchemaDocument))]
[JsonSerializable(typeof(UpdateFunctionSpec))]
[JsonSerializable(typeof(UpdateDatasetSpec))]
[JsonSerializable(typeof(UpdateComputePlanSpec))]
[JsonSerializable(typeof(InputRef))]
[JsonSerializable(typeof(ComputeTaskOutputSpec))]
[JsonSerializable(typeof(TaskSpec))]
[JsonSerializable(typeof(ComputePlanTaskSpec))]
[JsonSerializable(typeof(ComputePlanSpec))]
[JsonSerializable(typeof(UpdateComputePlanTasksSpec))]
[JsonSerializable(typeof(Permission))]
[JsonSerializable(typeof(AssetPermissions))]
[JsonSerializable(typeof(AssetFile))]
[JsonSerializable(typeof(InModel))]
[JsonSerializable(typeof(DataSample))]
[JsonSerializable(typeof(Dataset))]
[JsonSerializable(typeof(FunctionInput))]
[JsonSerializable(typeof(FunctionOutput))]
[JsonSerializable(typeof(Function))]
[JsonSerializable(typeof(OutModel))]
[JsonSerializable(typeof(ComputeTaskOutput))]
[JsonSerializable(typeof(ComputeTask))]
[JsonSerializable(typeof(ComputePlan))]
[JsonSerializable(typeof(Performances))]
[JsonSerializable(typeof(Organization))]
[JsonSerializable(typeof(OrganizationInfoConfig))]
[JsonSerializable(typeof(OrganizationInfo))]
[JsonSerializable(typeof(InputAsset))]
[JsonSerializable(typeof(OutputAsset))]
[JsonSerializable(typeof(List<DataSample>))]
[JsonSerializable(typeof(List<Dataset>))]
[JsonSerializable(typeof(List<Function>))]
[JsonSerializable(typeof(List<OutModel>))]
[JsonSerializable(typeof(List<ComputeTask>))]
[JsonSerializable(typeof(List<ComputePlan>))]
[JsonSerializable(typeof(List<Organization>))]
[JsonSerializable(typeof(List<InputAsset>))]
[JsonSerializable(typeof(List<OutputAsset>))]
[JsonSerializable(typeof(List<TaskSpec>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class SubstraJsonContext : JsonSerializerContext;
