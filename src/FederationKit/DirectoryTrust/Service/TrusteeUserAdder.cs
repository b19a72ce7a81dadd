using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.DirectoryTrust.Service;

/// <summary>
/// Adds a user of a trusted directory to the trustee organization: records the user on the accepted trust, joins it as a
/// Business-ID member and raises <c>trust.user.added</c>, as one write (one transaction on EF Core with the outbox). For stores
/// without transactions the order still holds: the user is recorded on the trust first (so an end of the trust removes it),
/// and both are undone when the join fails or the trust ended meanwhile.
/// </summary>
internal sealed class TrusteeUserAdder(
    IDirectoryTrustStore requests,
    TrustRequestLookup lookup,
    IDomainLinkStore links,
    IDomainOwnerQuery domainOwners,
    IMembershipStore memberships,
    TrusteeMembers members,
    TrustWrites writes,
    int maxAttempts)
{
    /// <summary>Adds <paramref name="userId"/> (canonical <paramref name="email"/>) through the accepted trust <paramref name="id"/>.</summary>
    public async Task<Result<TrustRequest>> AddAsync(OrganizationId trustee, UserId actor, TrustRequestId id, UserId userId, string email, OrganizationRole role, CancellationToken cancellationToken)
    {
        // Retried when another user was added to the same trust meanwhile; each attempt is one write.
        return await BoundedRetry.RunAsync<TrustRequest>(maxAttempts, async _ =>
        {
            var found = await lookup.FindForTrusteeAsync(trustee, id, cancellationToken).ConfigureAwait(false);
            if (found.IsFailure)
            {
                return found;
            }

            if (found.Value.State != TrustRequestState.Accepted)
            {
                return TrustRequestTransitions.NotAccepted(found.Value);
            }

            var emailDomain = MemberEmail.DomainOf(email);
            var domains = await links.ListByDirectoryAsync(found.Value.DirectoryId, cancellationToken).ConfigureAwait(false);
            // The email's domain must be linked to the directory and belong to its owner: a subdomain that another owner verified
            // under a linked parent is not the directory's.
            if (emailDomain is null || !domains.Any(d => DomainNameText.IsCoveredBy(emailDomain, d.Domain))
                || await domainOwners.FindOwnerAsync(emailDomain, cancellationToken).ConfigureAwait(false) != found.Value.DirectoryOwner)
            {
                return new FederationError(TrustErrorCodes.EmailNotInDirectory, "The user's email is not on a domain linked to the trusted directory.");
            }

            var recorded = TrustRequestTransitions.RecordTrusteeUser(found.Value, userId, email, writes.Now);
            if (recorded.IsFailure)
            {
                return recorded;
            }

            // Checked before the user is recorded under the trust, so that a revoke never removes a member the trust did not add.
            if (await memberships.FindAsync(trustee, userId, cancellationToken).ConfigureAwait(false) is not null)
            {
                return new FederationError(TrustErrorCodes.UserAlreadyMember, "The user is already a member of the trustee organization.");
            }

            return await writes.WriteAsync(
                ct => RecordAndJoinAsync(trustee, recorded.Value, userId, email, role, ct),
                after => [writes.UserAdded(after, userId)],
                actor,
                cancellationToken).ConfigureAwait(false);
        }, IsStoreConflict).ConfigureAwait(false);
    }

    // The store calls of one add: the user recorded on the trust, then joined. A failure takes back what was written (a
    // transaction rolls it back anyway; stores without one need the compensating writes).
    private async Task<Result<TrustRequest>> RecordAndJoinAsync(OrganizationId trustee, TrustRequest recorded, UserId userId, string email, OrganizationRole role, CancellationToken cancellationToken)
    {
        var saved = await requests.UpdateAsync([recorded], cancellationToken).ConfigureAwait(false);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        var added = await members.JoinAsync(trustee, recorded.DirectoryId, userId, email, role, cancellationToken).ConfigureAwait(false);
        if (added.IsFailure)
        {
            await ForgetTrusteeUserAsync(recorded.Id, userId, cancellationToken).ConfigureAwait(false);
            return added.Error;
        }

        // A revoke or withdraw may have run between the two writes: it could not remove a member not yet added, so undo here.
        var after = await requests.FindAsync(recorded.Id, cancellationToken).ConfigureAwait(false);
        if (after is null || after.State != TrustRequestState.Accepted)
        {
            await members.LeaveAsync(trustee, userId, recorded.DirectoryId, addedByHand: true, null, cancellationToken).ConfigureAwait(false);
            return new FederationError(TrustErrorCodes.NotAccepted, "The trust ended while the user was being added; the user was not added.");
        }

        return after;
    }
    private async Task ForgetTrusteeUserAsync(TrustRequestId id, UserId userId, CancellationToken cancellationToken)
    {
        await BoundedRetry.RunAsync(5, async _ =>
        {
            if (await requests.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } current
                || TrustRequestTransitions.ForgetTrusteeUser(current, userId) is not { } forgotten)
            {
                return Result<bool>.Success(false);
            }

            var saved = await requests.UpdateAsync([forgotten], cancellationToken).ConfigureAwait(false);
            return saved.IsSuccess ? Result<bool>.Success(true) : Result<bool>.Failure(saved.Error);
        }, _ => true).ConfigureAwait(false);
    }

    private static bool IsStoreConflict(FederationError error) => error.Code == StoreErrorCodes.ConcurrencyConflict;
}
