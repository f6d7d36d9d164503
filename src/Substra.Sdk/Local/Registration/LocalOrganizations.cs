using Substra.Sdk.Local.Store;

namespace Substra.Sdk.Local.Registration;

/// <summary>
/// The organisations of the local network, as registration sees them: the only place it reads the store's organisation
/// list, so that a change of store changes one line.
/// </summary>
internal static class LocalOrganizations
{
    /// <summary>The ids of every organisation a local client created in this store. Call under the store's lock.</summary>
    public static IEnumerable<string> Ids(LocalStore store) => store.Organizations.Select(organization => organization.Id);
}
