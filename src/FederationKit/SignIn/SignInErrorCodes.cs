namespace FederationKit.SignIn;

/// <summary>Error codes of sign-in routing, domain capture and just-in-time provisioning.</summary>
public static class SignInErrorCodes
{
    /// <summary>The email address is not a valid address with a domain.</summary>
    public const string EmailInvalid = "signin.email_invalid";

    /// <summary>SSO is enforced for the email's domain: password or social sign-in is refused; the details name the IdP to use.</summary>
    public const string SsoRequired = "signin.sso_required";

    /// <summary>The email's domain is captured with SSO enforced but its directory has no active IdP profile.</summary>
    public const string NoActiveIdp = "signin.no_active_idp";

    /// <summary>The federated identity carries no user id (subject).</summary>
    public const string SubjectMissing = "signin.subject_missing";

    /// <summary>The directory has no provisioning policy (unknown or not federated).</summary>
    public const string DirectoryNotConfigured = "signin.directory_not_configured";

    /// <summary>The sign-in came through an IdP profile that is not the directory's active profile.</summary>
    public const string ProfileNotActive = "signin.profile_not_active";

    /// <summary>The asserted email is not on a verified domain linked to the directory.</summary>
    public const string EmailDomainNotCovered = "signin.email_domain_not_covered";

    /// <summary>Advanced group mappings exist and none of the user's IdP groups grants an organization.</summary>
    public const string NoOrganizationGranted = "signin.no_organization_granted";

    /// <summary>The organization admits members by invitation only and the user has no invitation.</summary>
    public const string InvitationRequired = "signin.invitation_required";

    /// <summary>No unique username could be found within the attempt limit.</summary>
    public const string UsernameExhausted = "signin.username_exhausted";

    /// <summary>A store kept reporting concurrent changes; the sign-in may be retried.</summary>
    public const string ConcurrencyExhausted = "signin.concurrency_exhausted";

    /// <summary>The sign-in settings of a directory are invalid (an empty group name, a bad username suffix, an advanced mapping under an organization-owned directory); detail <c>field</c>.</summary>
    public const string SettingsInvalid = "signin.settings_invalid";

    /// <summary>A setting names an organization that does not exist or does not belong to the directory's owner; detail <c>organization</c>.</summary>
    public const string OrganizationNotUnderOwner = "signin.organization_not_under_owner";

    /// <summary>A new user's asserted email is not verified by the IdP (OIDC <c>email_verified</c> not true), so it cannot pass the domain check; detail <c>directory</c>.</summary>
    public const string EmailUnverified = "signin.email_unverified";

    /// <summary>An organization the user is a member of allows only SSO (<see cref="Organizations.Organization.OnlySso"/>) and the user is not one of its break-glass accounts; details <c>organization</c>, <c>method</c>.</summary>
    public const string LocalLoginDisabled = "signin.local_login_disabled";

    /// <summary>An invitation request is invalid (neither or both of email and IdP user id, a bad email, subject, role or group); detail <c>field</c>.</summary>
    public const string InvitationInvalid = "signin.invitation_invalid";

    /// <summary>No invitation with that id exists in the organization (never issued, another organization's, or already accepted); detail <c>invitation</c>.</summary>
    public const string InvitationNotFound = "signin.invitation_not_found";

    /// <summary>The invitation was revoked and cannot be resent; detail <c>invitation</c>.</summary>
    public const string InvitationRevoked = "signin.invitation_revoked";

    /// <summary>A sign-in response carries no transaction, or one that is unknown or expired (started too long ago, or never by this host).</summary>
    public const string TransactionUnknown = "signin.transaction_unknown";

    /// <summary>A sign-in response names a transaction that was already consumed: the response is a replay.</summary>
    public const string TransactionReplayed = "signin.transaction_replayed";

    /// <summary>
    /// A sign-in response did not come from the browser that started the sign-in (its correlation cookie is missing or holds
    /// another secret): login CSRF, or cookies blocked. The user starts again in one browser.
    /// </summary>
    public const string BrowserMismatch = "signin.browser_mismatch";

    /// <summary>A sign-in response arrived at another profile's or protocol's endpoint than its transaction names; detail <c>profile</c>.</summary>
    public const string ProfileMismatch = "signin.profile_mismatch";

    /// <summary>The return URL of a sign-in is not a local path (an absolute or protocol-relative URL would be an open redirect).</summary>
    public const string ReturnUrlInvalid = "signin.return_url_invalid";

    /// <summary>A sign-in request is malformed (neither or both of email and profile; provisioning a test; an enriched identity that changed its subject).</summary>
    public const string RequestInvalid = "signin.request_invalid";

    /// <summary>A profile test was started or completed by someone who is not an administrator of the directory's owner, or not the administrator who started it; detail <c>profile</c>.</summary>
    public const string TestNotAllowed = "signin.test_not_allowed";

    /// <summary>The profile's protocol has no registered sign-in (<c>AddSaml</c> or <c>AddOidc</c> missing); detail <c>protocol</c>.</summary>
    public const string ProtocolUnavailable = "signin.protocol_unavailable";

    /// <summary>The email's domain has no single sign-on: the user signs in with the product's own login.</summary>
    public const string NoSingleSignOn = "signin.no_sso";

    /// <summary>A SAML response without a sign-in transaction (IdP-initiated) reached a profile that does not allow IdP-initiated sign-in; detail <c>profile</c>.</summary>
    public const string IdpInitiatedNotAllowed = "signin.idp_initiated_not_allowed";

    /// <summary>The user is suspended: every sign-in is refused, before any provisioning, until the user is resumed.</summary>
    public const string UserSuspended = "signin.user_suspended";

    /// <summary>
    /// An administrator removed the user from every organization this sign-in would join; automatic join does not add the
    /// user again until an administrator adds the user or an invitation admits it.
    /// </summary>
    public const string UserRemoved = "signin.user_removed";
}
