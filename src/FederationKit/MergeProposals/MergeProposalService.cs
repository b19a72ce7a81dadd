using FederationKit.Events;
using FederationKit.MergeProposals.Service;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.MergeProposals;

/// <summary>
/// Runs merge proposals: an administrator of an organization proposes that it joins a parent organization; administrators
/// of both sides approve; the proposal completes when both sides have approved and then links the organization to the parent.
/// A thin facade: the state machine is <c>MergeProposalTransitions</c>, the precondition and the completion are small
/// services, and every concurrency retry goes through one bounded helper.
/// </summary>
/// <remarks>
/// Who administers a side is decided by <see cref="OwnerAdministrators"/> (the organization's admins and owners; the parent
/// organization's listed administrators), checked before the proposal's state is reported. Completion is written in a fixed
/// order so no state is half-written: the proposal is first claimed as <see cref="MergeProposalStatus.Completing"/> (this
/// write wins or loses against a concurrent cancel or reject), then the organization is linked (idempotently: an organization
/// already linked to the target counts as linked), the precondition is checked again on the linked organization, and only
/// then is the proposal marked <see cref="MergeProposalStatus.Completed"/>; the link, the check and the completion are one write
/// with their events (one database transaction with the EF Core stores and the outbox, so the link is never seen before the
/// check passed). If the process stops in between, or the organization kept changing, <see cref="TryCompleteAsync"/> finishes
/// the job; if the precondition no longer holds, the link is undone and the proposal returns to
/// <see cref="MergeProposalStatus.Open"/> with its approvals kept. Every write is kept with its events or not at all.
/// </remarks>
public sealed class MergeProposalService
{
    /// <summary>The longest rejection reason accepted.</summary>
    public const int MaxReasonLength = 500;

    private const int MaxAttempts = 8;

    private readonly IMergeProposalStore _proposals;
    private readonly IOrganizationStore _organizations;
    private readonly IParentOrganizationStore _parents;
    private readonly OwnerAdministrators _administrators;
    private readonly MergePrecondition _precondition;
    private readonly MergeCompletion _completion;
    private readonly StoreWriteCommitter _writes;
    private readonly TimeProvider _time;
    private readonly FederationKitOptions _options;

    /// <summary>Creates the service.</summary>
    /// <param name="proposals">The merge proposal store.</param>
    /// <param name="organizations">The organization store.</param>
    /// <param name="parents">The parent organization store.</param>
    /// <param name="memberships">The organizations' membership rows.</param>
    /// <param name="administrators">Decides who administers the organization and the parent organization.</param>
    /// <param name="verifiedDomains">Answers whether the parent organization has verified a member's email domain.</param>
    /// <param name="events">Where events are published.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The options (<see cref="FederationKitOptions.MergeProposalLifetime"/>).</param>
    /// <param name="writes">Keeps each write and its events together (one database transaction with the EF Core stores and the outbox); null publishes the events after the write.</param>
    public MergeProposalService(
        IMergeProposalStore proposals,
        IOrganizationStore organizations,
        IParentOrganizationStore parents,
        IMembershipStore memberships,
        OwnerAdministrators administrators,
        IVerifiedDomainQuery verifiedDomains,
        IFederationEventSink events,
        TimeProvider time,
        FederationKitOptions options,
        IStoreWriteTransactions? writes = null)
    {
        _proposals = proposals ?? throw new ArgumentNullException(nameof(proposals));
        _organizations = organizations ?? throw new ArgumentNullException(nameof(organizations));
        _parents = parents ?? throw new ArgumentNullException(nameof(parents));
        ArgumentNullException.ThrowIfNull(memberships);
        _administrators = administrators ?? throw new ArgumentNullException(nameof(administrators));
        ArgumentNullException.ThrowIfNull(verifiedDomains);
        _writes = new StoreWriteCommitter(writes, events ?? throw new ArgumentNullException(nameof(events)));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _precondition = new MergePrecondition(memberships, verifiedDomains);
        _completion = new MergeCompletion(proposals, organizations, _precondition, _writes, time, MaxAttempts);
    }

    /// <summary>
    /// Proposes that <paramref name="organizationId"/> joins <paramref name="parentId"/>. The proposer must be an administrator
    /// (admin or owner) of the organization, the organization must not be linked and have no other open proposal, and every
    /// member's email must be on a domain the parent organization has verified.
    /// </summary>
    /// <param name="organizationId">The organization that asks to join.</param>
    /// <param name="parentId">The parent organization to join.</param>
    /// <param name="proposer">The administrator proposing it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<MergeProposal>> ProposeAsync(OrganizationId organizationId, ParentOrganizationId parentId, UserId proposer, CancellationToken cancellationToken = default)
    {
        if (!await _administrators.IsAdministratorAsync(proposer, OwnerRef.Organization(organizationId), cancellationToken).ConfigureAwait(false))
        {
            return new FederationError(MergeProposalErrorCodes.NotAuthorized, $"Only an administrator of the organization '{organizationId}' may propose that it joins a parent organization.");
        }

        var organization = await _organizations.FindAsync(organizationId, cancellationToken).ConfigureAwait(false);
        if (organization is null)
        {
            return MergeProposalErrors.OrganizationNotFound(organizationId);
        }

        if (organization.ParentId is { } current)
        {
            return MergeProposalErrors.AlreadyLinked(organizationId, current);
        }

        if (await _parents.FindAsync(parentId, cancellationToken).ConfigureAwait(false) is null)
        {
            return MergeProposalErrors.ParentNotFound(parentId);
        }

        if (await _precondition.CheckMemberEmailsAsync(organization, parentId, cancellationToken).ConfigureAwait(false) is { } unverified)
        {
            return unverified;
        }

        var proposed = await BoundedRetry.RunAsync<MergeProposal>(MaxAttempts, async _ =>
        {
            var now = _time.GetUtcNow();
            var active = await _proposals.FindActiveByOrganizationAsync(organizationId, cancellationToken).ConfigureAwait(false);
            if (active is not null)
            {
                if (active.StatusAt(now) != MergeProposalStatus.Expired)
                {
                    return new FederationError(MergeProposalErrorCodes.AlreadyOpen, $"The organization '{organizationId}' already has the open merge proposal '{active.Id}'.")
                        .WithDetail("proposal_id", active.Id.ToString());
                }

                // An open proposal past its expiry is stored as expired first (one write with its event); the next attempt proposes.
                await _writes.WriteAsync(
                    ct => _proposals.UpdateAsync(MergeProposalTransitions.Expire(active), ct),
                    _ => new MergeProposalExpired(active.Id, organizationId, now),
                    cancellationToken).ConfigureAwait(false);
                return StoreErrors.ConcurrencyConflict("merge proposal", active.Id.ToString());
            }

            // Its own write: an insert that hits a concurrent proposal is retried, which a failed transaction could not be.
            return await _writes.WriteAsync(
                ct => _proposals.AddAsync(MergeProposalTransitions.Propose(organizationId, parentId, proposer, now, _options.MergeProposalLifetime), ct),
                proposal => new MergeProposalCreated(proposal.Id, organizationId, parentId, proposer, proposal.ExpiresAt, now),
                cancellationToken).ConfigureAwait(false);
        }, BoundedRetry.IsConflict).ConfigureAwait(false);
        return Contended(proposed, organizationId.ToString());
    }

    /// <summary>
    /// Reads a proposal with its status as of now (an open proposal past its expiry reads as <see cref="MergeProposalStatus.Expired"/>).
    /// Administrators of either side and the proposer only; anyone else gets <see cref="MergeProposalErrorCodes.NotAuthorized"/>.
    /// </summary>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="actor">The acting user: an administrator of the organization or of the parent organization, or the proposer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<MergeProposal>> GetAsync(MergeProposalId proposalId, UserId actor, CancellationToken cancellationToken = default)
    {
        var proposal = await _proposals.FindAsync(proposalId, cancellationToken).ConfigureAwait(false);
        if (proposal is null)
        {
            return MergeProposalErrors.NotFound(proposalId);
        }

        if (proposal.ProposedBy != actor
            && !await _administrators.IsAdministratorAsync(actor, OwnerRef.Organization(proposal.OrganizationId), cancellationToken).ConfigureAwait(false)
            && !await _administrators.IsAdministratorAsync(actor, OwnerRef.Parent(proposal.ParentId), cancellationToken).ConfigureAwait(false))
        {
            return new FederationError(MergeProposalErrorCodes.NotAuthorized, $"The user '{actor}' administers neither side of the merge proposal '{proposalId}'.");
        }

        return proposal with { Status = proposal.StatusAt(_time.GetUtcNow()) };
    }

    /// <summary>
    /// Approves a proposal for every side the approver administers (the organization's admins/owners; the parent
    /// organization's administrators). When both sides have approved, the proposal completes and the organization is linked.
    /// </summary>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="approver">The approving administrator.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<MergeProposal>> ApproveAsync(MergeProposalId proposalId, UserId approver, CancellationToken cancellationToken = default)
    {
        var approved = await BoundedRetry.RunAsync<MergeProposal>(MaxAttempts, async _ =>
        {
            var read = await ReadOpenAsync(proposalId, approver, Sides.Either, cancellationToken).ConfigureAwait(false);
            if (read.IsFailure)
            {
                return read.Error;
            }

            var (proposal, organization, sides, now) = read.Value;
            var changed = MergeProposalTransitions.Approve(proposal, approver, sides.Organization, sides.Parent);
            if (changed.IsFailure)
            {
                return changed;
            }

            var next = changed.Value;
            if (next.IsFullyApproved)
            {
                if (await _precondition.CheckAsync(organization, next.ParentId, cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    return refused;
                }

                next = MergeProposalTransitions.ClaimCompletion(next, approver, now);
            }

            var newOrganizationApproval = proposal.OrganizationApprovedBy is null && next.OrganizationApprovedBy is not null;
            var newParentApproval = proposal.ParentApprovedBy is null && next.ParentApprovedBy is not null;
            var stored = await _writes.WriteAsync(
                ct => _proposals.UpdateAsync(next, ct),
                _ => new MergeProposalApproved(proposalId, proposal.OrganizationId, proposal.ParentId, approver, newOrganizationApproval, newParentApproval, now),
                cancellationToken).ConfigureAwait(false);
            if (stored.IsFailure)
            {
                return stored;
            }

            return stored.Value.Status == MergeProposalStatus.Completing
                ? await _completion.FinishAsync(stored.Value, cancellationToken).ConfigureAwait(false)
                : stored;
        }, IsStoreConflict).ConfigureAwait(false);
        return Contended(approved, proposalId.ToString());
    }

    /// <summary>
    /// Completes a fully approved proposal whose completion did not finish (the process stopped, the organization kept changing,
    /// or the precondition failed and has since been fixed). Idempotent: a completed proposal is returned as it is.
    /// </summary>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<MergeProposal>> TryCompleteAsync(MergeProposalId proposalId, CancellationToken cancellationToken = default)
    {
        var completed = await BoundedRetry.RunAsync<MergeProposal>(MaxAttempts, async _ =>
        {
            var proposal = await _proposals.FindAsync(proposalId, cancellationToken).ConfigureAwait(false);
            if (proposal is null)
            {
                return MergeProposalErrors.NotFound(proposalId);
            }

            switch (proposal.StatusAt(_time.GetUtcNow()))
            {
                case MergeProposalStatus.Completed:
                    return proposal;
                case MergeProposalStatus.Completing:
                    return await _completion.FinishAsync(proposal, cancellationToken).ConfigureAwait(false);
                case MergeProposalStatus.Open:
                    break;
                case MergeProposalStatus.Expired:
                    return MergeProposalErrors.Expired(proposal);
                default:
                    return MergeProposalErrors.AlreadyDecided(proposal);
            }

            if (!proposal.IsFullyApproved)
            {
                return new FederationError(MergeProposalErrorCodes.NotApproved, $"The merge proposal '{proposalId}' still needs the approval of both sides.");
            }

            var organization = await _organizations.FindAsync(proposal.OrganizationId, cancellationToken).ConfigureAwait(false);
            if (organization is null)
            {
                return MergeProposalErrors.OrganizationNotFound(proposal.OrganizationId);
            }

            if (await _precondition.CheckAsync(organization, proposal.ParentId, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var claimed = await _proposals.UpdateAsync(MergeProposalTransitions.ClaimCompletion(proposal, null, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return claimed.IsFailure ? claimed : await _completion.FinishAsync(claimed.Value, cancellationToken).ConfigureAwait(false);
        }, IsStoreConflict).ConfigureAwait(false);
        return Contended(completed, proposalId.ToString());
    }

    /// <summary>Rejects an open proposal. The user must administer either side.</summary>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="rejectedBy">The rejecting administrator.</param>
    /// <param name="reason">An optional reason shown to the proposer (at most <see cref="MaxReasonLength"/> characters).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<MergeProposal>> RejectAsync(MergeProposalId proposalId, UserId rejectedBy, string? reason = null, CancellationToken cancellationToken = default)
    {
        var checkedReason = MergeProposalTransitions.CheckReason(reason, MaxReasonLength);
        if (checkedReason.IsFailure)
        {
            return checkedReason.Error;
        }

        var trimmed = checkedReason.Value;
        var rejected = await BoundedRetry.RunAsync<MergeProposal>(MaxAttempts, async _ =>
        {
            var read = await ReadOpenAsync(proposalId, rejectedBy, Sides.Either, cancellationToken).ConfigureAwait(false);
            if (read.IsFailure)
            {
                return read.Error;
            }

            var (proposal, _, _, now) = read.Value;
            return await _writes.WriteAsync(
                ct => _proposals.UpdateAsync(MergeProposalTransitions.Reject(proposal, rejectedBy, trimmed, now), ct),
                _ => new MergeProposalRejected(proposalId, proposal.OrganizationId, proposal.ParentId, rejectedBy, trimmed, now),
                cancellationToken).ConfigureAwait(false);
        }, IsStoreConflict).ConfigureAwait(false);
        return Contended(rejected, proposalId.ToString());
    }

    /// <summary>Cancels an open proposal. The user must be the proposer or an administrator of the organization.</summary>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="cancelledBy">The proposer or an organization administrator.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<MergeProposal>> CancelAsync(MergeProposalId proposalId, UserId cancelledBy, CancellationToken cancellationToken = default)
    {
        var cancelled = await BoundedRetry.RunAsync<MergeProposal>(MaxAttempts, async _ =>
        {
            var read = await ReadOpenAsync(proposalId, cancelledBy, Sides.ProposerOrOrganization, cancellationToken).ConfigureAwait(false);
            if (read.IsFailure)
            {
                return read.Error;
            }

            var (proposal, _, _, now) = read.Value;
            return await _writes.WriteAsync(
                ct => _proposals.UpdateAsync(MergeProposalTransitions.Cancel(proposal, cancelledBy, now), ct),
                _ => new MergeProposalCancelled(proposalId, proposal.OrganizationId, proposal.ParentId, cancelledBy, now),
                cancellationToken).ConfigureAwait(false);
        }, IsStoreConflict).ConfigureAwait(false);
        return Contended(cancelled, proposalId.ToString());
    }

    private enum Sides
    {
        /// <summary>An administrator of the organization or of the parent organization.</summary>
        Either,

        /// <summary>The proposer, or an administrator of the organization.</summary>
        ProposerOrOrganization,
    }

    // Reads the proposal, checks who acts (before its state is reported to them), then that it is open and both sides exist.
    private async Task<Result<(MergeProposal Proposal, Organization Organization, (bool Organization, bool Parent) Sides, DateTimeOffset Now)>> ReadOpenAsync(
        MergeProposalId proposalId, UserId actor, Sides allowed, CancellationToken cancellationToken)
    {
        var proposal = await _proposals.FindAsync(proposalId, cancellationToken).ConfigureAwait(false);
        if (proposal is null)
        {
            return MergeProposalErrors.NotFound(proposalId);
        }

        var organizationSide = await _administrators.IsAdministratorAsync(actor, OwnerRef.Organization(proposal.OrganizationId), cancellationToken).ConfigureAwait(false);
        var parentSide = allowed == Sides.Either && await _administrators.IsAdministratorAsync(actor, OwnerRef.Parent(proposal.ParentId), cancellationToken).ConfigureAwait(false);
        var mayAct = allowed == Sides.Either ? organizationSide || parentSide : organizationSide || proposal.ProposedBy == actor;
        if (!mayAct)
        {
            return new FederationError(
                MergeProposalErrorCodes.NotAuthorized,
                allowed == Sides.Either
                    ? $"The user '{actor}' administers neither the organization nor the parent organization of the merge proposal '{proposalId}'."
                    : $"Only the proposer or an administrator of the organization may cancel the merge proposal '{proposalId}'.");
        }

        var now = _time.GetUtcNow();
        if (MergeProposalTransitions.RefuseUnlessOpen(proposal, now) is { } notOpen)
        {
            return notOpen;
        }

        var organization = await _organizations.FindAsync(proposal.OrganizationId, cancellationToken).ConfigureAwait(false);
        if (organization is null)
        {
            return MergeProposalErrors.OrganizationNotFound(proposal.OrganizationId);
        }

        if (await _parents.FindAsync(proposal.ParentId, cancellationToken).ConfigureAwait(false) is null)
        {
            return MergeProposalErrors.ParentNotFound(proposal.ParentId);
        }

        return (proposal, organization, (organizationSide, parentSide), now);
    }

    private static bool IsStoreConflict(FederationError error) => error.Code == StoreErrorCodes.ConcurrencyConflict;

    private static Result<MergeProposal> Contended(Result<MergeProposal> result, string id) =>
        result.IsFailure && BoundedRetry.IsConflict(result.Error) ? MergeProposalErrors.Contended(id) : result;
}
