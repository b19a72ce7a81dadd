using FederationKit.Directories;

namespace FederationKit.Organizations;

/// <summary>
/// Reads memberships, one row per (organization, user); (organization, username) is unique case-insensitively. Every read is an
/// indexed query, and the counts that gate deletions are computed, so they go down when members leave. Memberships are
/// written only through <see cref="Stores.IChangeSetStore"/>, together with the users and events of the same change.
/// </summary>
public interface IMembershipStore
{
    /// <summary>The kind reported in <see cref="StoreErrorCodes.Duplicate"/> errors (detail <c>kind</c>) when a username is taken.</summary>
    const string UsernameKind = "username";

    /// <summary>The kind reported in store errors about a membership row.</summary>
    const string MembershipKind = "membership";

    /// <summary>Finds the membership of a user in an organization.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Membership?> FindAsync(OrganizationId organizationId, UserId userId, CancellationToken cancellationToken = default);

    /// <summary>Finds a membership by username (case-insensitive) in an organization.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="username">The username.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Membership?> FindByUsernameAsync(OrganizationId organizationId, string username, CancellationToken cancellationToken = default);

    /// <summary>Lists a user's memberships in every organization.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<Membership>> ListByUserAsync(UserId userId, CancellationToken cancellationToken = default);

    /// <summary>Lists one page of an organization's members, ordered by user id.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="after">The last user id of the previous page; null for the first page.</param>
    /// <param name="limit">The page size (at least 1).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<Membership>> ListByOrganizationAsync(OrganizationId organizationId, UserId? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Lists the members of an organization who came from a directory (for example through directory trust).</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="directoryId">The directory the members came from.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<Membership>> ListByDirectoryAsync(OrganizationId organizationId, DirectoryId directoryId, CancellationToken cancellationToken = default);

    /// <summary>Lists the administrators and owners of an organization.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<Membership>> ListAdministratorsAsync(OrganizationId organizationId, CancellationToken cancellationToken = default);

    /// <summary>Counts the memberships, in every organization, of members who came from a directory.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<int> CountByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);

    /// <summary>Counts the memberships whose email is on <paramref name="domain"/> or one of its subdomains (whole labels).</summary>
    /// <param name="domain">A normalized domain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<int> CountByEmailDomainAsync(string domain, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists an organization's break-glass accounts (<see cref="Membership.BreakGlass"/>), ordered by user id. The default pages
    /// through <see cref="ListByOrganizationAsync"/>; the stores FederationKit ships answer it with one query.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    async Task<IReadOnlyList<Membership>> ListBreakGlassAsync(OrganizationId organizationId, CancellationToken cancellationToken = default)
    {
        var found = new List<Membership>();
        UserId? after = null;
        while (true)
        {
            var page = await ListByOrganizationAsync(organizationId, after, 1000, cancellationToken).ConfigureAwait(false);
            found.AddRange(page.Where(m => m.BreakGlass));
            if (page.Count < 1000)
            {
                return found;
            }

            after = page[^1].UserId;
        }
    }
}
