using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Events;

/// <summary>An administrator rotated the SCIM token: a new one is issued and the previous ones expire after the overlap. Type <c>directory_sync.token_rotated</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="Owner">The directory's owner.</param>
/// <param name="TokenId">The new token's id.</param>
/// <param name="PreviousTokenIds">The tokens that stay valid until <paramref name="OverlapEndsAt"/>.</param>
/// <param name="OverlapEndsAt">When the previous tokens stop being valid.</param>
/// <param name="ActorId">The administrator.</param>
public sealed record DirectorySyncTokenRotated(
    DateTimeOffset OccurredAt, DirectoryId DirectoryId, OwnerRef Owner, string TokenId, ImmutableArray<string> PreviousTokenIds, DateTimeOffset OverlapEndsAt, UserId ActorId)
    : DirectorySyncEvent("directory_sync.token_rotated", OccurredAt, DirectoryId, Owner);
