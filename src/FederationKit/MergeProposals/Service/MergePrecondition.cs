using FederationKit.Organizations;

namespace FederationKit.MergeProposals.Service;

/// <summary>
/// The merge precondition: the organization is not linked to another parent, and every member's email is on a domain the
/// parent organization has verified (read page by page, one verified-domain question per distinct domain).
/// </summary>
internal sealed class MergePrecondition(IMembershipStore memberships, IVerifiedDomainQuery verifiedDomains)
{
    private const int PageSize = 500;

    /// <summary>Whether a proposal for <paramref name="parentId"/> may complete given the organization as read; null when it may.</summary>
    public async Task<FederationError?> CheckAsync(Organization organization, ParentOrganizationId parentId, CancellationToken cancellationToken)
    {
        if (organization.ParentId is { } current && current != parentId)
        {
            return MergeProposalErrors.AlreadyLinked(organization.Id, current);
        }

        return await CheckMemberEmailsAsync(organization, parentId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The refusal naming every member email not on a domain the parent verified, or null.</summary>
    public async Task<FederationError?> CheckMemberEmailsAsync(Organization organization, ParentOrganizationId parentId, CancellationToken cancellationToken)
    {
        var owner = OwnerRef.Parent(parentId);
        var covered = new Dictionary<string, bool>(StringComparer.Ordinal);
        var offending = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var member in ListMembersAsync(organization.Id, cancellationToken).ConfigureAwait(false))
        {
            var email = MemberEmail.Normalize(member.Email);
            var domain = email is null ? null : MemberEmail.DomainOf(email);
            if (domain is null)
            {
                offending.Add(member.Email);
                continue;
            }

            if (!covered.TryGetValue(domain, out var isCovered))
            {
                isCovered = await verifiedDomains.IsCoveredAsync(owner, domain, cancellationToken).ConfigureAwait(false);
                covered[domain] = isCovered;
            }

            if (!isCovered)
            {
                offending.Add(email!);
            }
        }

        if (offending.Count == 0)
        {
            return null;
        }

        var list = string.Join(",", offending);
        return new FederationError(
                MergeProposalErrorCodes.UnverifiedMemberEmails,
                $"{offending.Count} member email(s) of the organization '{organization.Id}' are not on a domain verified by the parent organization '{parentId}': {list}. Verify those domains on the parent organization or remove the members first.")
            .WithDetail("emails", list);
    }

    private async IAsyncEnumerable<Membership> ListMembersAsync(OrganizationId organizationId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        UserId? after = null;
        while (true)
        {
            var page = await memberships.ListByOrganizationAsync(organizationId, after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var member in page)
            {
                yield return member;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].UserId;
        }
    }
}
