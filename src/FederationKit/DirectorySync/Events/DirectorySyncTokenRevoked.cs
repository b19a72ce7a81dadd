using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Events;

/// <summary>An administrator revoked a SCIM token (or confirmed a rotation, which revokes the previous ones). Type <c>directory_sync.token_revoked</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="Owner">The directory's owner.</param>
/// <param name="TokenId">The revoked token's id.</param>
/// <param name="ActorId">The administrator.</param>
public sealed record DirectorySyncTokenRevoked(DateTimeOffset OccurredAt, DirectoryId DirectoryId, OwnerRef Owner, string TokenId, UserId ActorId)
    : DirectorySyncEvent("directory_sync.token_revoked", OccurredAt, DirectoryId, Owner);
