using System.Reflection.Metadata;

namespace Substra.Build.Metadata;

/// <summary>Full type names (<c>Namespace.Outer+Inner</c>) from metadata handles.</summary>
internal static class MetadataNames
{
    public static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return FullName(reader, declaring) + "+" + name;
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public static string FullName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return FullName(reader, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>The full name of the type that declares an attribute constructor, or <c>null</c> for other handles.</summary>
    public static string? AttributeTypeName(MetadataReader reader, EntityHandle constructor)
    {
        switch (constructor.Kind)
        {
            case HandleKind.MemberReference:
                var parent = reader.GetMemberReference((MemberReferenceHandle)constructor).Parent;
                return parent.Kind switch
                {
                    HandleKind.TypeReference => FullName(reader, (TypeReferenceHandle)parent),
                    HandleKind.TypeDefinition => FullName(reader, (TypeDefinitionHandle)parent),
                    _ => null,
                };
            case HandleKind.MethodDefinition:
                return FullName(reader, reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType());
            default:
                return null;
        }
    }
}
