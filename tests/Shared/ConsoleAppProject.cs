namespace Substra.Tests.Shared;

/// <summary>The project file of a net10.0 console app a test builds with the real CLI, as a user's app would be.</summary>
internal static class ConsoleAppProject
{
    /// <param name="properties">More PropertyGroup lines (e.g. an OutDir).</param>
    /// <param name="items">The ItemGroup lines: the references under test.</param>
    public static string Text(IEnumerable<string> items, params string[] properties) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
        {string.Concat(properties.Select(line => $"    {line}\n"))}  </PropertyGroup>
          <ItemGroup>
        {string.Concat(items.Select(line => $"    {line}\n"))}  </ItemGroup>
        </Project>

        """;
}
