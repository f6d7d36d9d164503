using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Substra.Build.Metadata;

/// <summary>
/// Reads the Substra assembly attributes with System.Reflection.Metadata: the user's assembly is never loaded and none
/// of its code runs at build time.
/// </summary>
internal static class AssemblyMetadataReader
{
    public const string FunctionAttribute = "Substra.Tools.Metadata.SubstraFunctionMetadataAttribute";
    public const string OpenerAttribute = "Substra.Tools.Metadata.SubstraOpenerMetadataAttribute";

    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SubstraAssemblyMetadata Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"'{assemblyPath}' has no .NET metadata.");
        }

        var reader = pe.GetMetadataReader();
        var functions = new List<FunctionMetadata>();
        var openers = new List<OpenerMetadata>();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            var typeName = MetadataNames.AttributeTypeName(reader, attribute.Constructor);
            if (typeName is not (FunctionAttribute or OpenerAttribute))
            {
                continue;
            }

            var decoded = attribute.DecodeValue(AttributeValueTypeProvider.Instance);
            var arguments = decoded.FixedArguments;
            if (arguments.Length != 3)
            {
                throw new BadImageFormatException($"{typeName} has {arguments.Length} arguments, expected 3 (name, {(typeName == FunctionAttribute ? "schemaJson" : "factoryType")}, description).");
            }

            var name = AsString(arguments, 0) ?? string.Empty;
            var description = AsString(arguments, 2);
            if (typeName == FunctionAttribute)
            {
                var readsPython = decoded.NamedArguments.Any(static argument => argument.Name == "ReadsPythonOpeners" && argument.Value is true);
                functions.Add(new FunctionMetadata(name, AsString(arguments, 1) ?? string.Empty, description, readsPython));
            }
            else
            {
                openers.Add(new OpenerMetadata(name, StripAssemblyName(AsString(arguments, 1) ?? string.Empty), description));
            }
        }

        return new SubstraAssemblyMetadata(functions, openers);
    }

    private static string? AsString(ImmutableArray<CustomAttributeTypedArgument<string>> arguments, int index)
        => arguments[index].Value as string;

    // A serialized type name may be assembly-qualified ("Ns.Type, Asm, Version=…"); the artifact wants the type name only.
    private static string StripAssemblyName(string serializedName)
    {
        var comma = serializedName.IndexOf(',');
        return comma < 0 ? serializedName : serializedName[..comma].Trim();
    }
}
