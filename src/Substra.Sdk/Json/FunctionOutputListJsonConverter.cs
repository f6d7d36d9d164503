using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Substra.Sdk.Models;

namespace Substra.Sdk.Json;

/// <summary>Reads function outputs as a list or as the server's dict keyed by identifier (in dict order); writes a list.</summary>
internal sealed class FunctionOutputListJsonConverter : FunctionIoListJsonConverter<FunctionOutput>
{
    private protected override JsonTypeInfo<FunctionOutput> ItemTypeInfo => SubstraJson.TypeInfo<FunctionOutput>();

    private protected override string ItemName => "output";

    private protected override FunctionOutput FromDictEntry(JsonProperty property) => new()
    {
        Identifier = property.Name,
        Kind = FunctionIoJson.ReadKind(property),
        Multiple = FunctionIoJson.ReadFlag(property.Value, "multiple"),
    };
}
