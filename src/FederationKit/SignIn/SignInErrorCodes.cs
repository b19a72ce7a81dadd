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
}
