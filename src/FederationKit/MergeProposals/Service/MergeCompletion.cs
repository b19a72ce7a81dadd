using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.MergeProposals.Service;

/// <summary>
/// Finishes a <see cref="MergeProposalStatus.Completing"/> proposal in a fixed order so nothing is half-written: link the
/// organization (idempotently), check the precondition again on the linked organization, then mark the proposal completed.
/// </summary>
/// <remarks>
/// Memberships are rows that do not change the organization's version, so the check before the link cannot see a member
/// added between the check and the link write. The check after the link sees every member added before the link was
/// written; if one is not on a verified domain of the parent, the link is undone and the proposal reopens with the error
/// (fail closed: a member added just after the link is refused the same way). <see cref="OrganizationLinked"/> is
/// published only once the check after the link passed.
/// </remarks>
internal sealed class MergeCompletion(
    IMergeProposalStore proposals,
    IOrganizationStore organizations,
    MergePrecondition precondition,
    IFederationEventSink events,
    TimeProvider time,
    int maxAttempts)
{
    /// <summary>Links the organization of <paramref name="completing"/>, checks again, and marks the proposal completed.</summary>
    public async Task<Result<MergeProposal>> FinishAsync(MergeProposal completing, CancellationToken cancellationToken)
    {
        var link = await BoundedRetry.RunAsync(maxAttempts, _ => LinkAsync(completing, cancellationToken), IsConflict).ConfigureAwait(false);
        if (link.IsFailure)
        {
            return link.Error.Code switch
            {
                StoreErrorCodes.ConcurrencyConflict => MergeProposalErrors.Contended(completing.Id.ToString()),
                MergeProposalErrorCodes.OrganizationNotFound or MergeProposalErrorCodes.OrganizationAlreadyLinked or MergeProposalErrorCodes.UnverifiedMemberEmails
                    => await ReopenAsync(completing, link.Error, cancellationToken).ConfigureAwait(false),
                _ => link.Error,
            };
        }

        if (await precondition.CheckMemberEmailsAsync(link.Value.Organization, completing.ParentId, cancellationToken).ConfigureAwait(false) is { } late)
        {
            var unlinked = await UnlinkAsync(completing, cancellationToken).ConfigureAwait(false);
            return unlinked.IsFailure ? unlinked.Error : await ReopenAsync(completing, late, cancellationToken).ConfigureAwait(false);
        }

        if (link.Value.WrittenNow)
        {
            await events.PublishAsync(new OrganizationLinked(completing.OrganizationId, completing.ParentId, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        var proposal = completing;
        var completed = await BoundedRetry.RunAsync<MergeProposal>(maxAttempts, async _ =>
        {
            var now = time.GetUtcNow();
            var stored = await proposals.UpdateAsync(MergeProposalTransitions.Complete(proposal, now), cancellationToken).ConfigureAwait(false);
            if (stored.IsSuccess)
            {
                await events.PublishAsync(new MergeProposalCompleted(proposal.Id, proposal.OrganizationId, proposal.ParentId, now), cancellationToken).ConfigureAwait(false);
                return stored;
            }

            if (!IsConflict(stored.Error))
            {
                return stored;
            }

            // Someone else moved it meanwhile: completed by a concurrent finisher, or decided otherwise.
            var current = await proposals.FindAsync(proposal.Id, cancellationToken).ConfigureAwait(false);
            switch (current?.Status)
            {
                case MergeProposalStatus.Completed:
                    return current!;
                case MergeProposalStatus.Completing:
                    proposal = current!;
                    return stored;
                default:
                    return current is null ? MergeProposalErrors.NotFound(proposal.Id) : MergeProposalErrors.AlreadyDecided(current);
            }
        }, IsConflict).ConfigureAwait(false);
        return completed.IsFailure && IsConflict(completed.Error) ? MergeProposalErrors.Contended(completing.Id.ToString()) : completed;
    }

    private async Task<Result<LinkOutcome>> LinkAsync(MergeProposal completing, CancellationToken cancellationToken)
    {
        var organization = await organizations.FindAsync(completing.OrganizationId, cancellationToken).ConfigureAwait(false);
        if (organization is null)
        {
            return MergeProposalErrors.OrganizationNotFound(completing.OrganizationId);
        }

        if (organization.ParentId == completing.ParentId)
        {
            return new LinkOutcome(organization, WrittenNow: false);
        }

        if (await precondition.CheckAsync(organization, completing.ParentId, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var written = await organizations.UpdateAsync(organization with { ParentId = completing.ParentId }, cancellationToken).ConfigureAwait(false);
        return written.IsSuccess ? new LinkOutcome(written.Value, WrittenNow: true) : written.Error;
    }

    /// <summary>Undoes the link of a completion whose check after the link failed (only while the organization is linked to that parent).</summary>
    private async Task<Result<bool>> UnlinkAsync(MergeProposal completing, CancellationToken cancellationToken)
    {
        var unlinked = await BoundedRetry.RunAsync(maxAttempts, async _ =>
        {
            var organization = await organizations.FindAsync(completing.OrganizationId, cancellationToken).ConfigureAwait(false);
            if (organization is null || organization.ParentId != completing.ParentId)
            {
                return Result<bool>.Success(false);
            }

            var written = await organizations.UpdateAsync(organization with { ParentId = null }, cancellationToken).ConfigureAwait(false);
            return written.IsSuccess ? Result<bool>.Success(true) : Result<bool>.Failure(written.Error);
        }, IsConflict).ConfigureAwait(false);
        return unlinked.IsFailure && IsConflict(unlinked.Error) ? MergeProposalErrors.Contended(completing.Id.ToString()) : unlinked;
    }

    /// <summary>Returns a proposal whose completion cannot go ahead to <see cref="MergeProposalStatus.Open"/> (approvals kept) and reports why.</summary>
    private async Task<Result<MergeProposal>> ReopenAsync(MergeProposal completing, FederationError reason, CancellationToken cancellationToken)
    {
        await proposals.UpdateAsync(MergeProposalTransitions.Reopen(completing), cancellationToken).ConfigureAwait(false);
        return reason;
    }

    private static bool IsConflict(FederationError error) => error.Code == StoreErrorCodes.ConcurrencyConflict;

    /// <summary>The organization as linked, and whether this completion wrote the link (else it was linked already).</summary>
    private readonly record struct LinkOutcome(Organization Organization, bool WrittenNow);
}
