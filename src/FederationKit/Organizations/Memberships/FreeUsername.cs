using FederationKit.SignIn.Usernames;

namespace FederationKit.Organizations;

/// <summary>
/// Picks the first username candidate (see <see cref="UsernameRules.Candidate"/>) that no member of an organization holds. A
/// concurrent join may still take it before the commit: the store's unique (organization, username) key refuses the second,
/// which then asks again.
/// </summary>
internal static class FreeUsername
{
    public static async Task<string?> FindAsync(
        IMembershipStore memberships, OrganizationId organizationId, string normalizedBase, string suffix, int maxAttempts, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            if (UsernameRules.Candidate(normalizedBase, suffix, attempt) is { } candidate
                && await memberships.FindByUsernameAsync(organizationId, candidate, cancellationToken).ConfigureAwait(false) is null)
            {
                return candidate;
            }
        }

        return null;
    }
}
