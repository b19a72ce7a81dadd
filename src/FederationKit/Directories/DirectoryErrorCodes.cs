namespace FederationKit.Directories;

/// <summary>The stable codes of refusals about directories, IdP profiles and domain links (documented in docs/errors.md).</summary>
public static class DirectoryErrorCodes
{
    /// <summary>No directory with that identifier exists.</summary>
    public const string NotFound = "directory.not_found";

    /// <summary>The directory name is empty or longer than 100 characters.</summary>
    public const string NameInvalid = "directory.name_invalid";

    /// <summary>The owner already has a directory with that name.</summary>
    public const string NameTaken = "directory.name_taken";

    /// <summary>The owner's Business directory exists by default; another one cannot be created.</summary>
    public const string BusinessDirectoryExists = "directory.business_exists";

    /// <summary>The default Business directory cannot be deleted.</summary>
    public const string DefaultDirectory = "directory.default_cannot_be_deleted";

    /// <summary>The directory still has users.</summary>
    public const string HasUsers = "directory.has_users";

    /// <summary>The directory still has linked domains.</summary>
    public const string HasDomains = "directory.has_domains";

    /// <summary>The directory still has trustees (pending or accepted trust requests).</summary>
    public const string HasTrustees = "directory.has_trustees";

    /// <summary>The directory is being deleted; it accepts no domains.</summary>
    public const string BeingDeleted = "directory.being_deleted";

    /// <summary>The directory is already encrypted.</summary>
    public const string AlreadyEncrypted = "directory.already_encrypted";

    /// <summary>IdP profiles belong to Federated directories only.</summary>
    public const string NotFederated = "directory.not_federated";

    /// <summary>The domain is not a valid domain name.</summary>
    public const string DomainInvalid = "directory.domain_invalid";

    /// <summary>The owner has not verified the domain; only verified domains can be linked.</summary>
    public const string DomainNotVerified = "directory.domain_not_verified";

    /// <summary>
    /// The owner covers the domain only through a parent domain, and another owner holds a verified claim on the domain itself or
    /// on a nearer parent; only the owner of the most specific verified claim may link it.
    /// </summary>
    public const string DomainOwnedByOther = "directory.domain_owned_by_other";

    /// <summary>The domain is already linked to a directory (see the <c>directoryId</c> detail).</summary>
    public const string DomainAlreadyLinked = "directory.domain_already_linked";

    /// <summary>The domain is not linked to the given directory.</summary>
    public const string DomainNotLinked = "directory.domain_not_linked";

    /// <summary>A move named no domains.</summary>
    public const string MoveEmpty = "directory.move.empty";

    /// <summary>Source and target of a move are the same directory.</summary>
    public const string MoveSameDirectory = "directory.move.same_directory";

    /// <summary>Source and target of a move belong to different owners.</summary>
    public const string MoveDifferentOwner = "directory.move.different_owner";

    /// <summary>Members on the moved domains have subjects the target directory already holds (detail <c>emails</c>); nothing was moved.</summary>
    public const string MoveMemberConflict = "directory.move.member_conflict";

    /// <summary>Domains cannot be moved into or out of an encrypted directory.</summary>
    public const string MoveEncrypted = "directory.move.encrypted";

    /// <summary>A domain of the move is not (or no longer) linked to the source directory; nothing was moved.</summary>
    public const string MoveDomainNotInSource = "directory.move.domain_not_in_source";

    /// <summary>No IdP profile with that identifier exists.</summary>
    public const string ProfileNotFound = "directory.profile.not_found";

    /// <summary>A profile setting is missing or invalid (see the <c>field</c> detail).</summary>
    public const string ProfileSettingsInvalid = "directory.profile.settings_invalid";

    /// <summary>A SAML profile's IdP signing certificate has an RSA key below the profile's minimum, or an ECDSA key below 256 bits (details <c>field</c>, <c>index</c>, <c>bits</c>, <c>minimum</c>).</summary>
    public const string ProfileKeyTooSmall = "directory.profile.key_too_small";

    /// <summary>The OIDC user-id claim, or the SAML user-id attribute, cannot change once a member signed in through the profile.</summary>
    public const string UserIdClaimLocked = "directory.profile.user_id_claim_locked";

    /// <summary>The profile has members and cannot be deleted.</summary>
    public const string ProfileHasMembers = "directory.profile.has_members";

    /// <summary>The active profile cannot be deleted; activate another one first.</summary>
    public const string ProfileActive = "directory.profile.active";

    /// <summary>The profile is already the active one.</summary>
    public const string ProfileAlreadyActive = "directory.profile.already_active";

    /// <summary>Activation needs a passed test since the last change, unless forced.</summary>
    public const string ProfileNotTested = "directory.profile.not_tested";

    /// <summary>Another OIDC profile of the same owner is active; an owner has one active OIDC profile at a time.</summary>
    public const string OidcProfileActiveElsewhere = "directory.profile.oidc_active_elsewhere";

    /// <summary>A directory would have two active profiles (store rule).</summary>
    public const string ProfileSecondActive = "directory.profile.second_active";

    /// <summary>Profile test: the identity was asserted through the other protocol.</summary>
    public const string TestProtocolMismatch = "directory.profile.test.protocol_mismatch";

    /// <summary>Profile test: the identity's issuer is not the profile's.</summary>
    public const string TestIssuerMismatch = "directory.profile.test.issuer_mismatch";

    /// <summary>Profile test: the identity has no subject.</summary>
    public const string TestSubjectMissing = "directory.profile.test.subject_missing";

    /// <summary>Profile test: the subject format (NameID format or user-id claim) differs from the profile's or the existing members'.</summary>
    public const string TestSubjectFormatMismatch = "directory.profile.test.subject_format_mismatch";

    /// <summary>The OIDC profile has no key pair generated by FederationKit, so there is no client JWKS to publish.</summary>
    public const string ClientKeyMissing = "directory.profile.client_key.missing";

    /// <summary>No client key rollover waits for confirmation: the profile publishes no previous key.</summary>
    public const string ClientKeyNoRollover = "directory.profile.client_key.no_rollover";

    /// <summary>
    /// The acting user is not an administrator or owner of the organization or parent organization that owns the directory or
    /// profile (nor of the owner named for a new directory). Returned before any other check on an existing directory or
    /// profile, so a non-administrator learns nothing else; an unknown identifier is <see cref="NotFound"/> or
    /// <see cref="ProfileNotFound"/> for everyone.
    /// </summary>
    public const string NotAuthorized = "directory.not_authorized";
}
