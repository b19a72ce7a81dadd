namespace FederationKit.DirectoryTrust;

/// <summary>The stable codes of refusals about directory trust (documented in docs/errors.md).</summary>
public static class TrustErrorCodes
{
    /// <summary>No trust request with that identifier exists.</summary>
    public const string NotFound = "trust.not_found";

    /// <summary>Nobody has verified the domain, so there is no directory to request.</summary>
    public const string DomainNotHeld = "trust.domain_not_held";

    /// <summary>The domain belongs to the requester's own owner; no trust is needed.</summary>
    public const string OwnDomain = "trust.own_domain";

    /// <summary>The domain's owner has not linked it to a directory.</summary>
    public const string DomainNotLinked = "trust.domain_not_linked";

    /// <summary>The organization already has a pending or accepted request for that directory.</summary>
    public const string AlreadyRequested = "trust.already_requested";

    /// <summary>The requester's organization does not exist.</summary>
    public const string OrganizationNotFound = "trust.organization_not_found";

    /// <summary>The operation needs a pending request.</summary>
    public const string NotPending = "trust.not_pending";

    /// <summary>The operation needs an accepted trust.</summary>
    public const string NotAccepted = "trust.not_accepted";

    /// <summary>The request was sent too recently or too often (see the <c>retryAfter</c> detail).</summary>
    public const string ResendTooSoon = "trust.resend_rate_limited";

    /// <summary>A rejection needs a reason.</summary>
    public const string ReasonRequired = "trust.reason_required";

    /// <summary>The request is not for a directory of this owner, or not from this organization.</summary>
    public const string WrongParty = "trust.wrong_party";

    /// <summary>An accept named no requests.</summary>
    public const string NothingToAccept = "trust.nothing_to_accept";

    /// <summary>A bulk reject or revoke named no requests.</summary>
    public const string NothingToDecide = "trust.nothing_to_decide";

    /// <summary>The user's email is not on a domain linked to the trusted directory.</summary>
    public const string EmailNotInDirectory = "trust.email_not_in_directory";

    /// <summary>The user is already a member of the trustee organization.</summary>
    public const string UserAlreadyMember = "trust.user_already_member";

    // Issue 19 (trust branch): actors, authorization and the last owner of a trustee organization.

    /// <summary>The acting user is not an administrator or owner of the side (trustee organization or directory owner) the operation belongs to.</summary>
    public const string NotAuthorized = "trust.not_authorized";

    /// <summary>Ending the trust would remove the trustee organization's last owner; make another member an owner first.</summary>
    public const string LastOwner = "trust.last_owner";
}
