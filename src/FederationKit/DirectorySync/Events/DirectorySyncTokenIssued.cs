using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Events;

/// <summary>An administrator issued a SCIM token. Type <c>directory_sync.token_issued</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="Owner">The directory's owner.</param>
/// <param name="TokenId">The new token's id.</param>
/// <param name="ActorId">The administrator.</param>
public sealed record DirectorySyncTokenIssued(DateTimeOffset OccurredAt, DirectoryId DirectoryId, OwnerRef Owner, string TokenId, UserId ActorId)
    : DirectorySyncEvent("directory_sync.token_issued", OccurredAt, DirectoryId, Owner);
