using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Substra.Sdk.Models;

namespace Substra.Sdk.Json;

/// <summary>Reads function inputs as a list or as the server's dict keyed by identifier (in dict order); writes a list.</summary>
internal sealed class FunctionInputListJsonConverter : FunctionIoListJsonConverter<FunctionInput>
{
    private protected override JsonTypeInfo<FunctionInput> ItemTypeInfo => SubstraJson.TypeInfo<FunctionInput>();

    private protected override string ItemName => "input";

    private protected override FunctionInput FromDictEntry(JsonProperty property) => new()
    {
        Identifier = property.Name,
        Kind = FunctionIoJson.ReadKind(property),
        Optional = FunctionIoJson.ReadFlag(property.Value, "optional"),
        Multiple = FunctionIoJson.ReadFlag(property.Value, "multiple"),
    };
}
