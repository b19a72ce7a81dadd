namespace FederationKit.Directories;

/// <summary>The event type names raised by directories, IdP profiles, domain links and directory trust.</summary>
public static class DirectoryEventTypes
{
    /// <summary>A directory was created.</summary>
    public const string DirectoryCreated = "directory.created";

    /// <summary>A directory was marked encrypted.</summary>
    public const string DirectoryEncrypted = "directory.encrypted";

    /// <summary>A directory was renamed; the event carries the old and the new name.</summary>
    public const string DirectoryRenamed = "directory.renamed";

    /// <summary>A directory was deleted.</summary>
    public const string DirectoryDeleted = "directory.deleted";

    /// <summary>An IdP profile was added (inactive).</summary>
    public const string ProfileAdded = "directory.profile.added";

    /// <summary>An IdP profile's settings changed.</summary>
    public const string ProfileUpdated = "directory.profile.updated";

    /// <summary>An IdP profile was tested with a sign-in (passed or failed).</summary>
    public const string ProfileTested = "directory.profile.tested";

    /// <summary>An IdP profile became the active one.</summary>
    public const string ProfileActivated = "directory.profile.activated";

    /// <summary>An IdP profile was deleted.</summary>
    public const string ProfileDeleted = "directory.profile.deleted";

    /// <summary>A domain was linked to a directory.</summary>
    public const string DomainLinked = "directory.domain.linked";

    /// <summary>A domain was unlinked from a directory.</summary>
    public const string DomainUnlinked = "directory.domain.unlinked";

    /// <summary>A domain link was removed because another owner verified the domain or a nearer parent of it.</summary>
    public const string DomainLinkRemovedOwnershipChanged = "directory.domain.unlinked_ownership_changed";

    /// <summary>Domains moved between directories (the move completed).</summary>
    public const string DomainsMoved = "directory.domains.moved";

    /// <summary>A trust request was made.</summary>
    public const string TrustRequested = "trust.requested";

    /// <summary>A pending trust request was sent again.</summary>
    public const string TrustResent = "trust.resent";

    /// <summary>The requester cancelled a pending trust request.</summary>
    public const string TrustCancelled = "trust.cancelled";

    /// <summary>The directory owner accepted a trust request.</summary>
    public const string TrustAccepted = "trust.accepted";

    /// <summary>The directory owner rejected a trust request.</summary>
    public const string TrustRejected = "trust.rejected";

    /// <summary>The directory owner revoked an accepted trust.</summary>
    public const string TrustRevoked = "trust.revoked";

    /// <summary>The trustee withdrew from an accepted trust.</summary>
    public const string TrustWithdrawn = "trust.withdrawn";

    /// <summary>A user of the trusted directory was added to the trustee organization.</summary>
    public const string TrusteeUserAdded = "trust.user.added";

    /// <summary>A user of the trusted directory was removed from the trustee organization.</summary>
    public const string TrusteeUserRemoved = "trust.user.removed";

    /// <summary>A key pair was generated for an OIDC profile's private_key_jwt (the previous key may stay published until confirmed).</summary>
    public const string ProfileClientKeyGenerated = "directory.profile.client_key.generated";

    /// <summary>The administrator confirmed the provider has an OIDC profile's new client key; the previous key is no longer published.</summary>
    public const string ProfileClientKeyRolloverConfirmed = "directory.profile.client_key.rollover_confirmed";
}
