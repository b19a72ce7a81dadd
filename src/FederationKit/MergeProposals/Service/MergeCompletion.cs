using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.MergeProposals.Service;

/// <summary>
/// Finishes a <see cref="MergeProposalStatus.Completing"/> proposal as one write with its events: link the organization
/// (idempotently), check the precondition again on the linked organization, mark the proposal completed. With the EF Core stores
/// and the outbox this is one database transaction, so nobody ever sees the organization linked before the check passed.
/// </summary>
/// <remarks>
/// Memberships are rows that do not change the organization's version, so the check before the link cannot see a member
/// added between the check and the link write. The check after the link sees every member added before the link was
/// written; if one is not on a verified domain of the parent, the write fails (its link rolled back; stores without transactions
/// get a compensating unlink) and the proposal reopens with the error (fail closed: a member added just after the link is
/// refused the same way). <see cref="OrganizationLinked"/> and <see cref="MergeProposalCompleted"/> are raised only when the
/// completion is kept. Each attempt is one write; a concurrency conflict retries the whole attempt, a bounded number of times.
/// </remarks>
internal sealed class MergeCompletion(
    IMergeProposalStore proposals,
    IOrganizationStore organizations,
    MergePrecondition precondition,
    StoreWriteCommitter writes,
    TimeProvider time,
    int maxAttempts)
{
    /// <summary>Links the organization of <paramref name="completing"/>, checks again, and marks the proposal completed.</summary>
    public async Task<Result<MergeProposal>> FinishAsync(MergeProposal completing, CancellationToken cancellationToken)
    {
        var proposal = completing;
        var finished = await BoundedRetry.RunAsync<Finished>(
            maxAttempts,
            async attempt =>
            {
                if (attempt > 0)
                {
                    // Someone else may have moved it meanwhile: completed by a concurrent finisher, or decided otherwise.
                    var current = await proposals.FindAsync(proposal.Id, cancellationToken).ConfigureAwait(false);
                    switch (current?.Status)
                    {
                        case MergeProposalStatus.Completed:
                            return new Finished(current!, Linked: false, Completed: false, time.GetUtcNow());
                        case MergeProposalStatus.Completing:
                            proposal = current!;
                            break;
                        default:
                            return current is null ? MergeProposalErrors.NotFound(proposal.Id) : MergeProposalErrors.AlreadyDecided(current);
                    }
                }

                var attempted = proposal;
                return await writes.WriteAsync(
                    ct => LinkAndCompleteAsync(attempted, ct),
                    EventsOf,
                    cancellationToken).ConfigureAwait(false);
            },
            IsConflict).ConfigureAwait(false);
        if (finished.IsSuccess)
        {
            return finished.Value.Proposal;
        }

        return finished.Error.Code switch
        {
            StoreErrorCodes.ConcurrencyConflict => MergeProposalErrors.Contended(completing.Id.ToString()),
            MergeProposalErrorCodes.OrganizationNotFound or MergeProposalErrorCodes.OrganizationAlreadyLinked or MergeProposalErrorCodes.UnverifiedMemberEmails
                => await ReopenAsync(proposal, finished.Error, cancellationToken).ConfigureAwait(false),
            _ => finished.Error,
        };
    }

    // The store calls of one attempt. A failure leaves nothing behind: a transaction rolls the link back; for stores without
    // one the link written here is undone by hand.
    private async Task<Result<Finished>> LinkAndCompleteAsync(MergeProposal completing, CancellationToken cancellationToken)
    {
        var link = await LinkAsync(completing, cancellationToken).ConfigureAwait(false);
        if (link.IsFailure)
        {
            return link.Error;
        }

        var now = time.GetUtcNow();
        var late = await precondition.CheckMemberEmailsAsync(link.Value.Organization, completing.ParentId, cancellationToken).ConfigureAwait(false);
        var completed = late is null
            ? await proposals.UpdateAsync(MergeProposalTransitions.Complete(completing, now), cancellationToken).ConfigureAwait(false)
            : late;
        if (completed.IsFailure)
        {
            // A failed check takes the link back whoever wrote it (fail closed); a refused completion only the link it wrote.
            if (late is not null || link.Value.WrittenNow)
            {
                var undone = await UnlinkAsync(link.Value.Organization, cancellationToken).ConfigureAwait(false);
                if (undone.IsFailure)
                {
                    return undone.Error;
                }
            }

            return completed.Error;
        }

        return new Finished(completed.Value, link.Value.WrittenNow, Completed: true, now);
    }

    private IReadOnlyList<FederationEvent> EventsOf(Finished finished)
    {
        var now = finished.At;
        var proposal = finished.Proposal;
        var raised = new List<FederationEvent>(2);
        if (finished.Linked)
        {
            raised.Add(new OrganizationLinked(proposal.OrganizationId, proposal.ParentId, now));
        }

        if (finished.Completed)
        {
            raised.Add(new MergeProposalCompleted(proposal.Id, proposal.OrganizationId, proposal.ParentId, now));
        }

        return raised;
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

    /// <summary>Undoes the link this attempt wrote (stores without transactions; inside one it is rolled back with the rest).</summary>
    private async Task<Result> UnlinkAsync(Organization linked, CancellationToken cancellationToken)
    {
        var written = await organizations.UpdateAsync(linked with { ParentId = null }, cancellationToken).ConfigureAwait(false);
        if (written.IsSuccess)
        {
            return Result.Success;
        }

        // Changed meanwhile: read again and unlink while it is still linked to that parent.
        var current = await organizations.FindAsync(linked.Id, cancellationToken).ConfigureAwait(false);
        if (current is null || current.ParentId != linked.ParentId)
        {
            return Result.Success;
        }

        var again = await organizations.UpdateAsync(current with { ParentId = null }, cancellationToken).ConfigureAwait(false);
        return again.IsSuccess ? Result.Success : again.Error;
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

    /// <summary>The proposal as it ended, whether this attempt linked the organization and completed the proposal, and when.</summary>
    private sealed record Finished(MergeProposal Proposal, bool Linked, bool Completed, DateTimeOffset At);
}
