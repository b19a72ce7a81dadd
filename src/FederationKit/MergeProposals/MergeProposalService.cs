using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.MergeProposals;

/// <summary>
/// Runs merge proposals: an administrator of an organization proposes that it joins a parent organization; administrators
/// of both sides approve; the proposal completes when both sides have approved and then links the organization to the parent.
/// </summary>
/// <remarks>
/// Completion is written in a fixed order so no state is half-written: the proposal is first claimed as
/// <see cref="MergeProposalStatus.Completing"/> (this write wins or loses against a concurrent cancel or reject), then the
/// organization is linked (idempotently: an organization already linked to the target counts as linked), and only then is
/// the proposal marked <see cref="MergeProposalStatus.Completed"/>. If the process stops in between, or the organization kept
/// changing, <see cref="TryCompleteAsync"/> finishes the job; if the precondition no longer holds, the proposal returns to
/// <see cref="MergeProposalStatus.Open"/> with its approvals kept.
/// </remarks>
public sealed class MergeProposalService
{
    /// <summary>The longest rejection reason accepted.</summary>
    public const int MaxReasonLength = 500;

    private const int MaxAttempts = 8;

    private readonly IMergeProposalStore _proposals;
    private readonly IOrganizationStore _organizations;
    private readonly IParentOrganizationStore _parents;
    private readonly IMembershipStore _memberships;
    private readonly IVerifiedDomainQuery _verifiedDomains;
    private readonly IFederationEventSink _events;
    private readonly TimeProvider _time;
    private readonly FederationKitOptions _options;

    /// <summary>Creates the service.</summary>
    /// <param name="proposals">The merge proposal store.</param>
    /// <param name="organizations">The organization store.</param>
    /// <param name="parents">The parent organization store.</param>
    /// <param name="memberships">The organizations' membership rows.</param>
    /// <param name="verifiedDomains">Answers whether the parent organization has verified a member's email domain.</param>
    /// <param name="events">Where events are published.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The options (<see cref="FederationKitOptions.MergeProposalLifetime"/>).</param>
    public MergeProposalService(
        IMergeProposalStore proposals,
        IOrganizationStore organizations,
        IParentOrganizationStore parents,
        IMembershipStore memberships,
        IVerifiedDomainQuery verifiedDomains,
        IFederationEventSink events,
        TimeProvider time,
        FederationKitOptions options)
    {
        _proposals = proposals ?? throw new ArgumentNullException(nameof(proposals));
        _organizations = organizations ?? throw new ArgumentNullException(nameof(organizations));
        _parents = parents ?? throw new ArgumentNullException(nameof(parents));
        _memberships = memberships ?? throw new ArgumentNullException(nameof(memberships));
        _verifiedDomains = verifiedDomains ?? throw new ArgumentNullException(nameof(verifiedDomains));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
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
        var organization = await _organizations.FindAsync(organizationId, cancellationToken).ConfigureAwait(false);
        if (organization is null)
        {
            return OrganizationNotFound(organizationId);
        }

        if (!await IsAdministratorAsync(organization.Id, proposer, cancellationToken).ConfigureAwait(false))
        {
            return new FederationError(MergeProposalErrorCodes.NotAuthorized, $"Only an administrator of the organization '{organizationId}' may propose that it joins a parent organization.");
        }

        if (organization.ParentId is { } current)
        {
            return AlreadyLinked(organizationId, current);
        }

        if (await _parents.FindAsync(parentId, cancellationToken).ConfigureAwait(false) is null)
        {
            return ParentNotFound(parentId);
        }

        if (await CheckMemberEmailsAsync(organization, parentId, cancellationToken).ConfigureAwait(false) is { } unverified)
        {
            return unverified;
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
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

                var expired = await _proposals.UpdateAsync(active with { Status = MergeProposalStatus.Expired }, cancellationToken).ConfigureAwait(false);
                if (expired.IsSuccess)
                {
                    await _events.PublishAsync(new MergeProposalExpired(active.Id, organizationId, now), cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            var proposal = new MergeProposal
            {
                Id = MergeProposalId.New(),
                OrganizationId = organizationId,
                ParentId = parentId,
                ProposedBy = proposer,
                CreatedAt = now,
                ExpiresAt = now + _options.MergeProposalLifetime,
            };
            var stored = await _proposals.AddAsync(proposal, cancellationToken).ConfigureAwait(false);
            if (stored.IsFailure)
            {
                if (stored.Error.Code == StoreErrorCodes.Duplicate)
                {
                    continue;
                }

                return stored;
            }

            await _events.PublishAsync(new MergeProposalCreated(proposal.Id, organizationId, parentId, proposer, proposal.ExpiresAt, now), cancellationToken).ConfigureAwait(false);
            return stored;
        }

        return Contended(organizationId.ToString());
    }

    /// <summary>Reads a proposal with its status as of now (an open proposal past its expiry reads as <see cref="MergeProposalStatus.Expired"/>).</summary>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<MergeProposal>> GetAsync(MergeProposalId proposalId, CancellationToken cancellationToken = default)
    {
        var proposal = await _proposals.FindAsync(proposalId, cancellationToken).ConfigureAwait(false);
        if (proposal is null)
        {
            return NotFound(proposalId);
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
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var read = await ReadOpenAsync(proposalId, cancellationToken).ConfigureAwait(false);
            if (read.IsFailure)
            {
                return read.Error;
            }

            var (proposal, organization, parent, now) = read.Value;
            var organizationSide = await IsAdministratorAsync(organization.Id, approver, cancellationToken).ConfigureAwait(false);
            var parentSide = parent.FindAdministrator(approver)?.IsAdministrator == true;
            if (!organizationSide && !parentSide)
            {
                return new FederationError(MergeProposalErrorCodes.NotAuthorized, $"The user '{approver}' administers neither the organization nor the parent organization of the merge proposal '{proposalId}'.");
            }

            var newOrganizationApproval = organizationSide && proposal.OrganizationApprovedBy is null;
            var newParentApproval = parentSide && proposal.ParentApprovedBy is null;
            if (!newOrganizationApproval && !newParentApproval)
            {
                return new FederationError(MergeProposalErrorCodes.AlreadyApproved, $"Every side that the user '{approver}' administers has already approved the merge proposal '{proposalId}'.");
            }

            var approved = proposal with
            {
                OrganizationApprovedBy = newOrganizationApproval ? approver : proposal.OrganizationApprovedBy,
                ParentApprovedBy = newParentApproval ? approver : proposal.ParentApprovedBy,
            };
            if (approved.IsFullyApproved)
            {
                var claimable = await CheckCompletableAsync(approved, organization, cancellationToken).ConfigureAwait(false);
                if (claimable is not null)
                {
                    return claimable;
                }

                approved = approved with { Status = MergeProposalStatus.Completing, DecidedBy = approver, DecidedAt = now };
            }

            var stored = await _proposals.UpdateAsync(approved, cancellationToken).ConfigureAwait(false);
            if (IsConflict(stored))
            {
                continue;
            }

            if (stored.IsFailure)
            {
                return stored;
            }

            await _events.PublishAsync(new MergeProposalApproved(proposalId, proposal.OrganizationId, proposal.ParentId, approver, newOrganizationApproval, newParentApproval, now), cancellationToken).ConfigureAwait(false);
            return stored.Value.Status == MergeProposalStatus.Completing
                ? await FinishAsync(stored.Value, cancellationToken).ConfigureAwait(false)
                : stored;
        }

        return Contended(proposalId.ToString());
    }

    /// <summary>
    /// Completes a fully approved proposal whose completion did not finish (the process stopped, the organization kept changing,
    /// or the precondition failed and has since been fixed). Idempotent: a completed proposal is returned as it is.
    /// </summary>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<MergeProposal>> TryCompleteAsync(MergeProposalId proposalId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var proposal = await _proposals.FindAsync(proposalId, cancellationToken).ConfigureAwait(false);
            if (proposal is null)
            {
                return NotFound(proposalId);
            }

            switch (proposal.StatusAt(_time.GetUtcNow()))
            {
                case MergeProposalStatus.Completed:
                    return proposal;
                case MergeProposalStatus.Completing:
                    return await FinishAsync(proposal, cancellationToken).ConfigureAwait(false);
                case MergeProposalStatus.Open:
                    break;
                case MergeProposalStatus.Expired:
                    return ExpiredError(proposal);
                default:
                    return AlreadyDecided(proposal);
            }

            if (!proposal.IsFullyApproved)
            {
                return new FederationError(MergeProposalErrorCodes.NotApproved, $"The merge proposal '{proposalId}' still needs the approval of both sides.");
            }

            var organization = await _organizations.FindAsync(proposal.OrganizationId, cancellationToken).ConfigureAwait(false);
            if (organization is null)
            {
                return OrganizationNotFound(proposal.OrganizationId);
            }

            if (await CheckCompletableAsync(proposal, organization, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var claimed = await _proposals.UpdateAsync(proposal with { Status = MergeProposalStatus.Completing, DecidedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            if (IsConflict(claimed))
            {
                continue;
            }

            return claimed.IsFailure ? claimed : await FinishAsync(claimed.Value, cancellationToken).ConfigureAwait(false);
        }

        return Contended(proposalId.ToString());
    }

    /// <summary>Rejects an open proposal. The user must administer either side.</summary>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="rejectedBy">The rejecting administrator.</param>
    /// <param name="reason">An optional reason shown to the proposer (at most <see cref="MaxReasonLength"/> characters).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<MergeProposal>> RejectAsync(MergeProposalId proposalId, UserId rejectedBy, string? reason = null, CancellationToken cancellationToken = default)
    {
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmed is not null && (trimmed.Length > MaxReasonLength || trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
        {
            return new FederationError(MergeProposalErrorCodes.ReasonInvalid, $"The reason must be at most {MaxReasonLength} characters without control characters.");
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var read = await ReadOpenAsync(proposalId, cancellationToken).ConfigureAwait(false);
            if (read.IsFailure)
            {
                return read.Error;
            }

            var (proposal, organization, parent, now) = read.Value;
            if (!await IsAdministratorAsync(organization.Id, rejectedBy, cancellationToken).ConfigureAwait(false) && parent.FindAdministrator(rejectedBy)?.IsAdministrator != true)
            {
                return new FederationError(MergeProposalErrorCodes.NotAuthorized, $"The user '{rejectedBy}' administers neither side of the merge proposal '{proposalId}'.");
            }

            var stored = await _proposals.UpdateAsync(
                proposal with { Status = MergeProposalStatus.Rejected, DecidedBy = rejectedBy, DecidedAt = now, RejectionReason = trimmed },
                cancellationToken).ConfigureAwait(false);
            if (IsConflict(stored))
            {
                continue;
            }

            if (stored.IsSuccess)
            {
                await _events.PublishAsync(new MergeProposalRejected(proposalId, proposal.OrganizationId, proposal.ParentId, rejectedBy, trimmed, now), cancellationToken).ConfigureAwait(false);
            }

            return stored;
        }

        return Contended(proposalId.ToString());
    }

    /// <summary>Cancels an open proposal. The user must be the proposer or an administrator of the organization.</summary>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="cancelledBy">The proposer or an organization administrator.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<MergeProposal>> CancelAsync(MergeProposalId proposalId, UserId cancelledBy, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var read = await ReadOpenAsync(proposalId, cancellationToken).ConfigureAwait(false);
            if (read.IsFailure)
            {
                return read.Error;
            }

            var (proposal, organization, _, now) = read.Value;
            if (proposal.ProposedBy != cancelledBy && !await IsAdministratorAsync(organization.Id, cancelledBy, cancellationToken).ConfigureAwait(false))
            {
                return new FederationError(MergeProposalErrorCodes.NotAuthorized, $"Only the proposer or an administrator of the organization may cancel the merge proposal '{proposalId}'.");
            }

            var stored = await _proposals.UpdateAsync(
                proposal with { Status = MergeProposalStatus.Cancelled, DecidedBy = cancelledBy, DecidedAt = now },
                cancellationToken).ConfigureAwait(false);
            if (IsConflict(stored))
            {
                continue;
            }

            if (stored.IsSuccess)
            {
                await _events.PublishAsync(new MergeProposalCancelled(proposalId, proposal.OrganizationId, proposal.ParentId, cancelledBy, now), cancellationToken).ConfigureAwait(false);
            }

            return stored;
        }

        return Contended(proposalId.ToString());
    }

    private async Task<Result<(MergeProposal Proposal, Organization Organization, ParentOrganization Parent, DateTimeOffset Now)>> ReadOpenAsync(MergeProposalId proposalId, CancellationToken cancellationToken)
    {
        var proposal = await _proposals.FindAsync(proposalId, cancellationToken).ConfigureAwait(false);
        if (proposal is null)
        {
            return NotFound(proposalId);
        }

        var now = _time.GetUtcNow();
        var status = proposal.StatusAt(now);
        if (status == MergeProposalStatus.Expired)
        {
            return ExpiredError(proposal);
        }

        if (status != MergeProposalStatus.Open)
        {
            return AlreadyDecided(proposal);
        }

        var organization = await _organizations.FindAsync(proposal.OrganizationId, cancellationToken).ConfigureAwait(false);
        if (organization is null)
        {
            return OrganizationNotFound(proposal.OrganizationId);
        }

        var parent = await _parents.FindAsync(proposal.ParentId, cancellationToken).ConfigureAwait(false);
        if (parent is null)
        {
            return ParentNotFound(proposal.ParentId);
        }

        return (proposal, organization, parent, now);
    }

    /// <summary>Whether a fully approved proposal may be claimed for completion given the organization as read.</summary>
    private async Task<FederationError?> CheckCompletableAsync(MergeProposal proposal, Organization organization, CancellationToken cancellationToken)
    {
        if (organization.ParentId is { } current && current != proposal.ParentId)
        {
            return AlreadyLinked(organization.Id, current);
        }

        return await CheckMemberEmailsAsync(organization, proposal.ParentId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Links the organization of a <see cref="MergeProposalStatus.Completing"/> proposal, checks the precondition again on the
    /// linked organization, then marks the proposal completed.
    /// </summary>
    /// <remarks>
    /// Memberships are rows that do not change the organization's version, so the check before the link cannot see a member
    /// added between the check and the link write. The check after the link sees every member added before the link was
    /// written; if one is not on a verified domain of the parent, the link is undone and the proposal reopens with the error
    /// (fail closed: a member added just after the link is refused the same way). <see cref="OrganizationLinked"/> is
    /// published only once the check after the link passed.
    /// </remarks>
    private async Task<Result<MergeProposal>> FinishAsync(MergeProposal completing, CancellationToken cancellationToken)
    {
        var link = await BoundedRetry.RunAsync(MaxAttempts, async _ =>
        {
            var organization = await _organizations.FindAsync(completing.OrganizationId, cancellationToken).ConfigureAwait(false);
            if (organization is null)
            {
                return Result<LinkOutcome>.Failure(OrganizationNotFound(completing.OrganizationId));
            }

            if (organization.ParentId == completing.ParentId)
            {
                return new LinkOutcome(organization, WrittenNow: false);
            }

            if (await CheckCompletableAsync(completing, organization, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return Result<LinkOutcome>.Failure(refused);
            }

            var written = await _organizations.UpdateAsync(organization with { ParentId = completing.ParentId }, cancellationToken).ConfigureAwait(false);
            return written.IsSuccess ? new LinkOutcome(written.Value, WrittenNow: true) : Result<LinkOutcome>.Failure(written.Error);
        }, IsConflictError).ConfigureAwait(false);
        if (link.IsFailure)
        {
            return link.Error.Code switch
            {
                StoreErrorCodes.ConcurrencyConflict => Contended(completing.Id.ToString()),
                MergeProposalErrorCodes.OrganizationNotFound or MergeProposalErrorCodes.OrganizationAlreadyLinked or MergeProposalErrorCodes.UnverifiedMemberEmails
                    => await ReopenAsync(completing, link.Error, cancellationToken).ConfigureAwait(false),
                _ => link.Error,
            };
        }

        if (await CheckMemberEmailsAsync(link.Value.Organization, completing.ParentId, cancellationToken).ConfigureAwait(false) is { } late)
        {
            var unlinked = await UnlinkAsync(completing, cancellationToken).ConfigureAwait(false);
            return unlinked.IsFailure ? unlinked.Error : await ReopenAsync(completing, late, cancellationToken).ConfigureAwait(false);
        }

        if (link.Value.WrittenNow)
        {
            await _events.PublishAsync(new OrganizationLinked(completing.OrganizationId, completing.ParentId, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        var proposal = completing;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = _time.GetUtcNow();
            var stored = await _proposals.UpdateAsync(proposal with { Status = MergeProposalStatus.Completed, DecidedAt = now }, cancellationToken).ConfigureAwait(false);
            if (stored.IsSuccess)
            {
                await _events.PublishAsync(new MergeProposalCompleted(proposal.Id, proposal.OrganizationId, proposal.ParentId, now), cancellationToken).ConfigureAwait(false);
                return stored;
            }

            if (!IsConflict(stored))
            {
                return stored;
            }

            var current = await _proposals.FindAsync(proposal.Id, cancellationToken).ConfigureAwait(false);
            if (current?.Status == MergeProposalStatus.Completed)
            {
                return current;
            }

            if (current?.Status != MergeProposalStatus.Completing)
            {
                return current is null ? NotFound(proposal.Id) : AlreadyDecided(current);
            }

            proposal = current;
        }

        return Contended(completing.Id.ToString());
    }

    /// <summary>Returns a proposal whose completion cannot go ahead to <see cref="MergeProposalStatus.Open"/> (approvals kept) and reports why.</summary>
    private async Task<Result<MergeProposal>> ReopenAsync(MergeProposal completing, FederationError reason, CancellationToken cancellationToken)
    {
        await _proposals.UpdateAsync(completing with { Status = MergeProposalStatus.Open, DecidedBy = null, DecidedAt = null }, cancellationToken).ConfigureAwait(false);
        return reason;
    }

    /// <summary>Undoes the link of a completion whose check after the link failed (only while the organization is linked to that parent).</summary>
    private async Task<Result<bool>> UnlinkAsync(MergeProposal completing, CancellationToken cancellationToken)
    {
        var unlinked = await BoundedRetry.RunAsync(MaxAttempts, async _ =>
        {
            var organization = await _organizations.FindAsync(completing.OrganizationId, cancellationToken).ConfigureAwait(false);
            if (organization is null || organization.ParentId != completing.ParentId)
            {
                return Result<bool>.Success(false);
            }

            var written = await _organizations.UpdateAsync(organization with { ParentId = null }, cancellationToken).ConfigureAwait(false);
            return written.IsSuccess ? Result<bool>.Success(true) : Result<bool>.Failure(written.Error);
        }, IsConflictError).ConfigureAwait(false);
        return unlinked.IsFailure && IsConflictError(unlinked.Error) ? Contended(completing.Id.ToString()) : unlinked;
    }

    private async Task<FederationError?> CheckMemberEmailsAsync(Organization organization, ParentOrganizationId parentId, CancellationToken cancellationToken)
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
                isCovered = await _verifiedDomains.IsCoveredAsync(owner, domain, cancellationToken).ConfigureAwait(false);
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

    private async Task<bool> IsAdministratorAsync(OrganizationId organizationId, UserId userId, CancellationToken cancellationToken) =>
        (await _memberships.FindAsync(organizationId, userId, cancellationToken).ConfigureAwait(false))?.IsAdministrator == true;

    private async IAsyncEnumerable<Membership> ListMembersAsync(OrganizationId organizationId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int PageSize = 500;
        UserId? after = null;
        while (true)
        {
            var page = await _memberships.ListByOrganizationAsync(organizationId, after, PageSize, cancellationToken).ConfigureAwait(false);
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

    private static bool IsConflictError(FederationError error) => error.Code == StoreErrorCodes.ConcurrencyConflict;

    /// <summary>The organization as linked, and whether this completion wrote the link (else it was linked already).</summary>
    private readonly record struct LinkOutcome(Organization Organization, bool WrittenNow);

    private static bool IsConflict<T>(Result<T> result) => result.IsFailure && result.Error.Code == StoreErrorCodes.ConcurrencyConflict;

    private static FederationError NotFound(MergeProposalId id) =>
        new(MergeProposalErrorCodes.NotFound, $"No merge proposal '{id}' exists.");

    private static FederationError OrganizationNotFound(OrganizationId id) =>
        new(MergeProposalErrorCodes.OrganizationNotFound, $"No organization '{id}' exists.");

    private static FederationError ParentNotFound(ParentOrganizationId id) =>
        new(MergeProposalErrorCodes.ParentNotFound, $"No parent organization '{id}' exists.");

    private static FederationError AlreadyLinked(OrganizationId id, ParentOrganizationId current) =>
        new FederationError(MergeProposalErrorCodes.OrganizationAlreadyLinked, $"The organization '{id}' is already linked to the parent organization '{current}'.")
            .WithDetail("parent_id", current.ToString());

    private static FederationError ExpiredError(MergeProposal proposal) =>
        new FederationError(MergeProposalErrorCodes.Expired, $"The merge proposal '{proposal.Id}' expired at {proposal.ExpiresAt:O}; propose again.")
            .WithDetail("expires_at", proposal.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    private static FederationError AlreadyDecided(MergeProposal proposal) =>
        new FederationError(MergeProposalErrorCodes.AlreadyDecided, $"The merge proposal '{proposal.Id}' is already {proposal.Status.ToString().ToUpperInvariant()}.")
            .WithDetail("status", proposal.Status.ToString());

    private static FederationError Contended(string id) =>
        new(MergeProposalErrorCodes.Contended, $"'{id}' kept changing concurrently; retry.");
}
