using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.MergeProposals;

/// <summary>
/// A proposal that an organization joins a parent organization. Administrators of both sides approve it; it completes when
/// both sides have approved (one approval when the approver administers both sides), and expires at <see cref="ExpiresAt"/>.
/// </summary>
public sealed record MergeProposal : IVersioned<MergeProposal>
{
    /// <summary>The proposal's identifier.</summary>
    public required MergeProposalId Id { get; init; }

    /// <summary>The organization that asks to join.</summary>
    public required OrganizationId OrganizationId { get; init; }

    /// <summary>The parent organization it asks to join.</summary>
    public required ParentOrganizationId ParentId { get; init; }

    /// <summary>The administrator of the organization who proposed it.</summary>
    public required UserId ProposedBy { get; init; }

    /// <summary>When it was proposed.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it expires unless completed: from this instant on it reads as <see cref="MergeProposalStatus.Expired"/>.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The stored status. An <see cref="MergeProposalStatus.Open"/> proposal past <see cref="ExpiresAt"/> is expired: use <see cref="StatusAt"/>.</summary>
    public MergeProposalStatus Status { get; init; } = MergeProposalStatus.Open;

    /// <summary>The administrator who approved for the organization's side, if any.</summary>
    public UserId? OrganizationApprovedBy { get; init; }

    /// <summary>The administrator who approved for the parent organization's side, if any.</summary>
    public UserId? ParentApprovedBy { get; init; }

    /// <summary>Who completed, rejected or cancelled it.</summary>
    public UserId? DecidedBy { get; init; }

    /// <summary>When it was completed, rejected or cancelled.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The reason given with a rejection, if any.</summary>
    public string? RejectionReason { get; init; }

    /// <inheritdoc />
    public long Version { get; init; }

    /// <summary>Whether both sides have approved.</summary>
    public bool IsFullyApproved => OrganizationApprovedBy is not null && ParentApprovedBy is not null;

    /// <summary>Whether the proposal still blocks a new one for its organization (open or completing), as stored.</summary>
    public bool IsActive => Status is MergeProposalStatus.Open or MergeProposalStatus.Completing;

    /// <summary>The status at <paramref name="now"/>: an open proposal reads as expired from <see cref="ExpiresAt"/> on.</summary>
    /// <param name="now">The current time.</param>
    public MergeProposalStatus StatusAt(DateTimeOffset now) =>
        Status == MergeProposalStatus.Open && now >= ExpiresAt ? MergeProposalStatus.Expired : Status;

    /// <inheritdoc />
    public MergeProposal WithVersion(long version) => this with { Version = version };
}
