using Substra.Build.Validation;

namespace Substra.Build.Tests.Units;

public sealed class DockerImageReferenceTests
{
    [Theory]
    [InlineData("ubuntu")]
    [InlineData("mcr.microsoft.com/dotnet/runtime:10.0")]
    [InlineData("localhost:5000/team/app_image__x:v1.2-rc.3")]
    [InlineData("registry.example/a/b/c@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("python:3.11-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("[::1]:5000/app:latest")]
    public void Accepts_valid_references(string reference) => Assert.Null(DockerImageReference.Validate(reference));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("Ubuntu", "lowercase")]
    [InlineData("registry.example/Team/app", "lowercase")]
    [InlineData("app:tag with space", "white space")]
    [InlineData("app::tag", "does not match")]
    [InlineData("app:-tag", "does not match")]
    [InlineData("app@sha256:abc", "does not match")]
    [InlineData("/app", "does not match")]
    [InlineData("app-", "does not match")]
    public void Rejects_invalid_references_saying_why(string reference, string reason)
        => Assert.Contains(reason, DockerImageReference.Validate(reference), StringComparison.Ordinal);

    [Fact]
    public void Rejects_names_longer_than_255_characters()
        => Assert.Contains("longer than 255", DockerImageReference.Validate(new string('a', 256)), StringComparison.Ordinal);
}
