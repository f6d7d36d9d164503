using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Tests;

/// <summary>One exception base: catching <see cref="SdkException"/> catches every failure the SDK raises on purpose.</summary>
public sealed class ExceptionHierarchyTests
{
    // An ArgumentException, as .NET callers expect of an argument that breaks its rules.
    private static readonly Type[] DotNetBased = [typeof(SpecValidationException)];

    [Fact]
    public void Every_public_exception_of_the_sdk_derives_from_SdkException()
    {
        var strays = typeof(SdkException).Assembly.GetExportedTypes()
            .Where(type => typeof(Exception).IsAssignableFrom(type) && !typeof(SdkException).IsAssignableFrom(type) && !DotNetBased.Contains(type))
            .Select(type => type.FullName)
            .ToList();

        Assert.True(strays.Count == 0, $"These public exceptions do not derive from SdkException: {string.Join(", ", strays)}");
    }
}
