namespace FederationKit.MergeProposals;

/// <summary>Where a merge proposal stands.</summary>
public enum MergeProposalStatus
{
    /// <summary>Waiting for approvals.</summary>
    Open = 1,

    /// <summary>Both sides approved; the organization is being linked to the parent. Finished by <see cref="MergeProposalService.TryCompleteAsync"/>.</summary>
    Completing = 2,

    /// <summary>Both sides approved and the organization is linked to the parent organization.</summary>
    Completed = 3,

    /// <summary>An approver rejected it.</summary>
    Rejected = 4,

    /// <summary>The proposer or an organization administrator cancelled it.</summary>
    Cancelled = 5,

    /// <summary>It was not completed within its lifetime.</summary>
    Expired = 6,
}
