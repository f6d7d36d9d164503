using System.Text.Json.Serialization;

namespace Substra.Sdk.Local.Compute.Subprocess;

[JsonSerializable(typeof(string[]))]
internal sealed partial class EntrypointJsonContext : JsonSerializerContext;
