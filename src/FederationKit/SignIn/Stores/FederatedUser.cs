using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.SignIn.Stores;

/// <summary>A user provisioned from a directory, keyed by its identity (directory, IdP user id), never by email.</summary>
public sealed record FederatedUser : IVersioned<FederatedUser>
{
    /// <summary>The product's user id.</summary>
    public required UserId Id { get; init; }

    /// <summary>The directory the identity comes from.</summary>
    public required DirectoryId DirectoryId { get; init; }

    /// <summary>The IdP user id (NameID or configured claim), compared ordinally.</summary>
    public required string Subject { get; init; }

    /// <summary>The latest email asserted (empty when none).</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>The latest given name asserted.</summary>
    public string? GivenName { get; init; }

    /// <summary>The latest surname asserted.</summary>
    public string? FamilyName { get; init; }

    /// <summary>When the user was first provisioned.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the user last signed in.</summary>
    public required DateTimeOffset LastSignInAt { get; init; }

    /// <summary>
    /// A random value that changes whenever the user's access changes (suspend, resume, a membership removed or a role changed,
    /// deletion): a host compares the stamp a session was issued with to end sessions that predate the change. Empty only for
    /// users stored before stamps existed.
    /// </summary>
    public string SecurityStamp { get; init; } = string.Empty;

    /// <summary>When the user was suspended (every sign-in is refused with <c>signin.user_suspended</c>); null when active.</summary>
    public DateTimeOffset? SuspendedAt { get; init; }

    /// <summary>
    /// When the user was deleted; null while the user exists. A deleted user is a tombstone: its personal data is erased, its
    /// subject replaced (so the IdP identity signs in as a new user) and it has no memberships.
    /// </summary>
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>
    /// The organizations an administrator removed the user from: automatic join (join mode, group mappings, trust) does not
    /// add the user to them again until an administrator adds the user or an invitation admits it.
    /// </summary>
    public ImmutableHashSet<OrganizationId> RemovedFrom { get; init; } = ImmutableHashSet<OrganizationId>.Empty;

    /// <summary>
    /// The IdP profile the user last signed in through (set by each sign-in; cleared when the user moves to another directory,
    /// null for users stored before it was recorded). "Users who signed in through a profile" is a query on it
    /// (<see cref="IFederatedUserStore.CountByProfileAsync"/>), so the rules it gates lift once those users are deleted or moved.
    /// </summary>
    public IdpProfileId? ProfileId { get; init; }

    /// <summary>Whether every sign-in of the user is refused (suspended or deleted).</summary>
    public bool IsBlocked => SuspendedAt is not null || DeletedAt is not null;

    // Directory sync (SCIM): the block below is directory sync's own.

    /// <summary>The subject prefix of a user a SCIM client created before its first sign-in (followed by its id): no IdP asserts it, and the first sign-in replaces it.</summary>
    public const string UnboundSubjectPrefix = "scim-unbound:";

    /// <summary>SCIM <c>externalId</c>: the IdP's id of a user provisioned through directory sync; null otherwise. Unique per directory.</summary>
    public string? ExternalId { get; init; }

    /// <summary>SCIM <c>userName</c> of a user provisioned through directory sync; null otherwise. Unique per directory (case-insensitive).</summary>
    public string? UserName { get; init; }

    /// <summary>SCIM <c>displayName</c>, or null.</summary>
    public string? DisplayName { get; init; }

    /// <summary>When directory sync last changed the user; null when it never did.</summary>
    public DateTimeOffset? LastModifiedAt { get; init; }

    /// <summary>Whether the user was provisioned through directory sync (it has a SCIM <c>externalId</c> or <c>userName</c>).</summary>
    public bool IsDirectorySynced => ExternalId is not null || UserName is not null;

    /// <summary>Whether the IdP identity is bound (false for a SCIM-created user until its first sign-in).</summary>
    public bool IsSubjectBound => !Subject.StartsWith(UnboundSubjectPrefix, StringComparison.Ordinal);

    /// <inheritdoc />
    public long Version { get; init; }

    /// <inheritdoc />
    public FederatedUser WithVersion(long version) => this with { Version = version };
}
