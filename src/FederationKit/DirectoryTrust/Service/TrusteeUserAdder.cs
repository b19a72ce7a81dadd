using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.DirectoryTrust.Service;

/// <summary>
/// Adds a user of a trusted directory to the trustee organization: records the user on the accepted trust first (so an end of
/// the trust removes it), then joins it as a Business-ID member; undoes both when the join fails or the trust ended meanwhile.
/// </summary>
internal sealed class TrusteeUserAdder(
    IDirectoryTrustStore requests,
    TrustRequestLookup lookup,
    IDomainLinkStore links,
    IDomainOwnerQuery domainOwners,
    IMembershipStore memberships,
    TrusteeMembers members,
    ChangeSetCommitter committer,
    TimeProvider time,
    int maxAttempts)
{
    /// <summary>Adds <paramref name="userId"/> (canonical <paramref name="email"/>) through the accepted trust <paramref name="id"/>.</summary>
    public async Task<Result<TrustRequest>> AddAsync(OrganizationId trustee, UserId actor, TrustRequestId id, UserId userId, string email, OrganizationRole role, CancellationToken cancellationToken)
    {
        // Retried when another user was added to the same trust meanwhile.
        var request = await BoundedRetry.RunAsync<TrustRequest>(maxAttempts, async _ =>
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

            var recorded = TrustRequestTransitions.RecordTrusteeUser(found.Value, userId, email, time.GetUtcNow());
            if (recorded.IsFailure)
            {
                return recorded;
            }

            // Checked before the user is recorded under the trust, so that a revoke never removes a member the trust did not add.
            if (await memberships.FindAsync(trustee, userId, cancellationToken).ConfigureAwait(false) is not null)
            {
                return new FederationError(TrustErrorCodes.UserAlreadyMember, "The user is already a member of the trustee organization.");
            }

            var saved = await requests.UpdateAsync([recorded.Value], cancellationToken).ConfigureAwait(false);
            return saved.IsSuccess ? found.Value : saved.Error;
        }, IsStoreConflict).ConfigureAwait(false);
        if (request.IsFailure)
        {
            return request;
        }

        var added = await members.JoinAsync(trustee, request.Value.DirectoryId, userId, email, role, cancellationToken).ConfigureAwait(false);
        if (added.IsFailure)
        {
            await ForgetTrusteeUserAsync(id, userId, cancellationToken).ConfigureAwait(false);
            return added.Error;
        }

        // A revoke or withdraw may have run between the two writes: it could not remove a member not yet added, so undo here.
        var after = await requests.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (after is null || after.State != TrustRequestState.Accepted)
        {
            await members.LeaveAsync(trustee, userId, request.Value.DirectoryId, addedByHand: true, null, cancellationToken).ConfigureAwait(false);
            return new FederationError(TrustErrorCodes.NotAccepted, "The trust ended while the user was being added; the user was not added.");
        }

        await committer.CommitAsync(
            ChangeSet.Empty.Raise(new TrusteeUserChanged(DirectoryEventTypes.TrusteeUserAdded, time.GetUtcNow(), id, request.Value.DirectoryId, trustee, userId) { Actor = EventActor.User(actor) }),
            cancellationToken).ConfigureAwait(false);
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
