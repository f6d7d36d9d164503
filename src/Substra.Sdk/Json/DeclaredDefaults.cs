using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Substra.Sdk.Json;

/// <summary>
/// A contract modifier: a property that is neither <c>required</c> nor nullable reads an absent or null value as the value its
/// declaration gives it (<c>= []</c>, <c>= ""</c>, an empty dictionary, a new key). The source generator passes null to an
/// init-only property the JSON leaves out, which would leave a list declared non-nullable null in user code (the platform
/// omits some lists, such as a dataset's <c>data_sample_keys</c> in a task's input assets).
/// </summary>
internal static class DeclaredDefaults
{
    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.GetConstructor(Type.EmptyTypes) is null)
        {
            return;
        }

        var properties = typeInfo.Properties
            .Where(property => !property.IsRequired && !property.PropertyType.IsValueType && !property.IsSetNullable
                && property.Get is not null && property.AttributeProvider is PropertyInfo { CanWrite: true })
            .ToArray();
        if (properties.Length == 0)
        {
            return;
        }

        // A null is let through to be replaced below rather than refused.
        foreach (var property in properties)
        {
            property.IsSetNullable = true;
        }

        var type = typeInfo.Type;
        var previous = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = value =>
        {
            Restore(value, type, properties);
            previous?.Invoke(value);
        };
    }

    private static void Restore(object value, Type type, JsonPropertyInfo[] properties)
    {
        object? declared = null;
        foreach (var property in properties)
        {
            if (property.Get!(value) is not null)
            {
                continue;
            }

            // A fresh instance runs the initializers; the source-generated setters refuse init-only properties, reflection does not.
            declared ??= Activator.CreateInstance(type)!;
            var member = (PropertyInfo)property.AttributeProvider!;
            member.SetValue(value, member.GetValue(declared));
        }
    }
}
