using System.Reflection.Metadata;

namespace Substra.Build.Metadata;

/// <summary>
/// Decodes custom attribute blobs to type names only, so that no referenced assembly has to be resolved or loaded.
/// A <see cref="Type"/> argument arrives as its serialized name (a string).
/// </summary>
internal sealed class AttributeValueTypeProvider : ICustomAttributeTypeProvider<string>
{
    public static readonly AttributeValueTypeProvider Instance = new();

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

    public string GetSystemType() => "System.Type";

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        => MetadataNames.FullName(reader, handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        => MetadataNames.FullName(reader, handle);

    public string GetTypeFromSerializedName(string name) => name;

    // Enum arguments do not occur in the Substra metadata attributes; treat them as int32 so decoding cannot fail.
    public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

    public bool IsSystemType(string type) => type == "System.Type";
}
