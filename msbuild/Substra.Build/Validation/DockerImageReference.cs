using System.Text.RegularExpressions;

namespace Substra.Build.Validation;

/// <summary>
/// The Docker image reference grammar (distribution/reference):
/// <c>[domain[:port]/]path-component[/path-component…][:tag][@digest]</c>, with lowercase path components.
/// </summary>
internal static partial class DockerImageReference
{
    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string Domain = "(?:" + DomainComponent + "(?:\\." + DomainComponent + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
    private const string Tag = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private const string Digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private const string Reference =
        "^(?<name>(?:" + Domain + "/)?" + PathComponent + "(?:/" + PathComponent + ")*)(?::(?<tag>" + Tag + "))?(?:@(?<digest>" + Digest + "))?$";

    private const int MaxNameLength = 255;

    [GeneratedRegex(Reference, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ReferenceRegex();

    /// <summary>Returns <c>null</c> when <paramref name="reference"/> is valid, else why it is not.</summary>
    public static string? Validate(string reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return "it is empty";
        }

        var match = ReferenceRegex().Match(reference);
        if (!match.Success)
        {
            if (reference.Any(char.IsWhiteSpace))
            {
                return "it contains white space";
            }

            var name = reference.Split('@')[0];
            var lastSlash = name.LastIndexOf('/');
            var colon = name.IndexOf(':', lastSlash + 1);
            var repository = colon < 0 ? name : name[..colon];
            var path = repository.Contains('/') && LooksLikeDomain(repository[..repository.IndexOf('/')])
                ? repository[(repository.IndexOf('/') + 1)..]
                : repository;
            if (path.Any(char.IsUpper))
            {
                return "the repository name must be lowercase";
            }

            return "it does not match [registry[:port]/]name[:tag][@digest] (names are lowercase letters, digits and . _ - separators; tags at most 128 characters of letters, digits, _ . -)";
        }

        return match.Groups["name"].Value.Length > MaxNameLength
            ? $"the repository name is longer than {MaxNameLength} characters"
            : null;
    }

    private static bool LooksLikeDomain(string component)
        => component.Contains('.') || component.Contains(':') || component == "localhost" || component.Any(char.IsUpper);
}
