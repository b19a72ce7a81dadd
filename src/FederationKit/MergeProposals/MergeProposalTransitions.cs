using FederationKit.Organizations;

namespace FederationKit.MergeProposals;

/// <summary>
/// The merge proposal state machine, pure: open → (approvals) → completing → completed; open → rejected, cancelled or
/// expired; completing → open again when the precondition no longer holds. Each transition returns the changed proposal or
/// the refusal; storing it is the caller's job.
/// </summary>
internal static class MergeProposalTransitions
{
    /// <summary>The refusal for a proposal that is not open at <paramref name="now"/> (expired or decided), or null.</summary>
    public static FederationError? RefuseUnlessOpen(MergeProposal proposal, DateTimeOffset now) => proposal.StatusAt(now) switch
    {
        MergeProposalStatus.Open => null,
        MergeProposalStatus.Expired => MergeProposalErrors.Expired(proposal),
        _ => MergeProposalErrors.AlreadyDecided(proposal),
    };

    /// <summary>A new open proposal.</summary>
    public static MergeProposal Propose(OrganizationId organizationId, ParentOrganizationId parentId, UserId proposer, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = MergeProposalId.New(),
        OrganizationId = organizationId,
        ParentId = parentId,
        ProposedBy = proposer,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    /// <summary>An open proposal past its expiry, stored as expired.</summary>
    public static MergeProposal Expire(MergeProposal proposal) => proposal with { Status = MergeProposalStatus.Expired };

    /// <summary>
    /// Records the approval of every side <paramref name="approver"/> administers that has not approved yet; refused when
    /// every such side has already approved.
    /// </summary>
    public static Result<MergeProposal> Approve(MergeProposal proposal, UserId approver, bool organizationSide, bool parentSide)
    {
        var newOrganizationApproval = organizationSide && proposal.OrganizationApprovedBy is null;
        var newParentApproval = parentSide && proposal.ParentApprovedBy is null;
        if (!newOrganizationApproval && !newParentApproval)
        {
            return new FederationError(MergeProposalErrorCodes.AlreadyApproved, $"Every side that the user '{approver}' administers has already approved the merge proposal '{proposal.Id}'.");
        }

        return proposal with
        {
            OrganizationApprovedBy = newOrganizationApproval ? approver : proposal.OrganizationApprovedBy,
            ParentApprovedBy = newParentApproval ? approver : proposal.ParentApprovedBy,
        };
    }

    /// <summary>A fully approved proposal claimed for completion (this write wins or loses against a concurrent cancel or reject).</summary>
    public static MergeProposal ClaimCompletion(MergeProposal proposal, UserId? decidedBy, DateTimeOffset now) =>
        proposal with { Status = MergeProposalStatus.Completing, DecidedBy = decidedBy ?? proposal.DecidedBy, DecidedAt = now };

    /// <summary>A completing proposal whose organization is linked.</summary>
    public static MergeProposal Complete(MergeProposal proposal, DateTimeOffset now) =>
        proposal with { Status = MergeProposalStatus.Completed, DecidedAt = now };

    /// <summary>A completing proposal whose completion cannot go ahead, open again with its approvals kept.</summary>
    public static MergeProposal Reopen(MergeProposal proposal) =>
        proposal with { Status = MergeProposalStatus.Open, DecidedBy = null, DecidedAt = null };

    /// <summary>An open proposal rejected by an administrator of either side.</summary>
    public static MergeProposal Reject(MergeProposal proposal, UserId rejectedBy, string? reason, DateTimeOffset now) =>
        proposal with { Status = MergeProposalStatus.Rejected, DecidedBy = rejectedBy, DecidedAt = now, RejectionReason = reason };

    /// <summary>An open proposal cancelled by its proposer or an administrator of the organization.</summary>
    public static MergeProposal Cancel(MergeProposal proposal, UserId cancelledBy, DateTimeOffset now) =>
        proposal with { Status = MergeProposalStatus.Cancelled, DecidedBy = cancelledBy, DecidedAt = now };

    /// <summary>The rejection reason trimmed (null when blank), or the refusal when it is too long or holds control characters.</summary>
    public static Result<string?> CheckReason(string? reason, int maxLength)
    {
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmed is not null && (trimmed.Length > maxLength || trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
        {
            return new FederationError(MergeProposalErrorCodes.ReasonInvalid, $"The reason must be at most {maxLength} characters without control characters.");
        }

        return trimmed;
    }
}
