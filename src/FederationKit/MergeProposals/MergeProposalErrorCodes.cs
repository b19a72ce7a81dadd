namespace FederationKit.MergeProposals;

/// <summary>Error codes returned by <see cref="MergeProposalService"/>.</summary>
public static class MergeProposalErrorCodes
{
    /// <summary>No merge proposal with the given identifier exists.</summary>
    public const string NotFound = "merge.not_found";

    /// <summary>The incoming organization does not exist.</summary>
    public const string OrganizationNotFound = "merge.organization_not_found";

    /// <summary>The target parent organization does not exist.</summary>
    public const string ParentNotFound = "merge.parent_not_found";

    /// <summary>The user does not hold the role the operation needs (an administrator of the relevant side, or the proposer).</summary>
    public const string NotAuthorized = "merge.not_authorized";

    /// <summary>The organization is already linked to a parent organization.</summary>
    public const string OrganizationAlreadyLinked = "merge.organization_already_linked";

    /// <summary>The organization already has an open merge proposal; only one may be open at a time.</summary>
    public const string AlreadyOpen = "merge.already_open";

    /// <summary>
    /// Some members of the incoming organization have emails outside the parent organization's verified domains;
    /// the detail <c>emails</c> lists them, comma-separated.
    /// </summary>
    public const string UnverifiedMemberEmails = "merge.unverified_member_emails";

    /// <summary>The proposal expired before it was completed.</summary>
    public const string Expired = "merge.expired";

    /// <summary>The proposal was already completed, rejected or cancelled.</summary>
    public const string AlreadyDecided = "merge.already_decided";

    /// <summary>The user has already approved every side they administer.</summary>
    public const string AlreadyApproved = "merge.already_approved";

    /// <summary>The proposal is not fully approved, so it cannot be completed yet.</summary>
    public const string NotApproved = "merge.not_approved";

    /// <summary>The rejection reason is longer than allowed or contains control characters.</summary>
    public const string ReasonInvalid = "merge.reason_invalid";

    /// <summary>The proposal or its organization kept changing concurrently and the change could not be applied; retry.</summary>
    public const string Contended = "merge.contended";
}
