using System.Globalization;
using Substra.Sdk.Models;

namespace Substra.Sdk.Local.Store;

/// <summary>
/// Organisation ids of local clients, in the reference's <c>MyOrg{N}MSP</c> form. A client name that ends with a number
/// (<c>org-3</c>) takes that number when free, so ids follow names rather than creation order; other names, and
/// unnamed clients, take the next free number.
/// </summary>
internal static class OrganizationIds
{
    public static string For(string? clientName, IReadOnlyList<Organization> existing)
    {
        var taken = existing.Select(organization => organization.Id).ToHashSet(StringComparer.Ordinal);
        if (clientName is not null && TrailingNumber(clientName) is { } number && !taken.Contains(Id(number)))
        {
            return Id(number);
        }

        var next = 1;
        while (taken.Contains(Id(next)))
        {
            next++;
        }

        return Id(next);
    }

    private static string Id(int number) => string.Create(CultureInfo.InvariantCulture, $"MyOrg{number}MSP");

    private static int? TrailingNumber(string name)
    {
        var start = name.Length;
        while (start > 0 && char.IsAsciiDigit(name[start - 1]))
        {
            start--;
        }

        return start < name.Length && int.TryParse(name.AsSpan(start), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : null;
    }
}
