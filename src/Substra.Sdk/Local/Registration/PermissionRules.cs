using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Local.Registration;

/// <summary>The permissions an asset gets from its creator's spec (the spec itself is never changed).</summary>
internal static class PermissionRules
{
    /// <summary>Public: nobody listed. Otherwise the owner is always authorised.</summary>
    public static Permission ForOwner(Permissions requested, string owner)
    {
        if (requested.Public)
        {
            return new Permission { Public = true, AuthorizedIds = [] };
        }

        var ids = requested.AuthorizedIds.ToList();
        if (!ids.Contains(owner))
        {
            ids.Add(owner);
        }

        return new Permission { Public = false, AuthorizedIds = ids };
    }

    /// <summary>Task outputs keep the permissions as given, without adding the owner (as the reference does).</summary>
    public static AssetPermissions AsGiven(Permissions requested) =>
        new() { Process = new Permission { Public = requested.Public, AuthorizedIds = requested.AuthorizedIds.ToArray() } };
}
